package io.tickpipe.batch.report;

import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;

import io.tickpipe.spark.analytics.BarInterval;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;

/**
 * The interval of a chart's candles, and where its buckets start.
 *
 * <p>Below a day, buckets are aligned to the Unix epoch, as the pipeline's bars are
 * ({@link BarInterval}): a bucket is a union of whole bars, and the two 01:00 hours of a night when
 * clocks go back stay apart. From a day up, buckets are calendar days, ISO weeks (from Monday) and
 * months in the session zone, as the pipeline's daily bars are. A bar falls into the bucket holding
 * its start.
 */
public final class DisplayInterval implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** How buckets are laid out. */
    public enum Unit {
        /** Fixed length, aligned to the epoch. */
        FIXED,
        /** A calendar day in the session zone. */
        DAY,
        /** An ISO week (Monday to Sunday) in the session zone. */
        WEEK,
        /** A calendar month in the session zone. */
        MONTH
    }

    /** The intervals a chart may be aggregated to, finest first: the usual steps of trading charts. */
    public static final List<DisplayInterval> LADDER = List.of(
            fixed("1s"), fixed("5s"), fixed("15s"), fixed("30s"),
            fixed("1m"), fixed("5m"), fixed("15m"), fixed("30m"),
            fixed("1h"), fixed("2h"), fixed("4h"), fixed("6h"), fixed("12h"),
            new DisplayInterval("1d", Unit.DAY, MICROS_PER_DAY),
            new DisplayInterval("1w", Unit.WEEK, 7 * MICROS_PER_DAY),
            new DisplayInterval("1mo", Unit.MONTH, 31 * MICROS_PER_DAY));

    private final String label;
    private final Unit unit;
    private final long micros;

    private DisplayInterval(String label, Unit unit, long micros) {
        this.label = label;
        this.unit = unit;
        this.micros = micros;
    }

    private static DisplayInterval fixed(String label) {
        return new DisplayInterval(label, Unit.FIXED, BarInterval.parse(label).micros());
    }

    /**
     * The bars' own interval, for a chart that needs no aggregation: {@code 1d} is the session day,
     * any other interval its fixed length.
     */
    public static DisplayInterval of(BarInterval bars) {
        return bars.micros() == MICROS_PER_DAY
                ? new DisplayInterval(bars.label(), Unit.DAY, MICROS_PER_DAY)
                : new DisplayInterval(bars.label(), Unit.FIXED, bars.micros());
    }

    /** The label the report shows: {@code 1m}, {@code 4h}, {@code 1d}, {@code 1w}, {@code 1mo}. */
    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    /** The length of a fixed bucket; for calendar buckets their usual length (a month: 31 days). */
    public long nominalMicros() {
        return micros;
    }

    /**
     * The shortest a bucket can be: its length when fixed; for calendar buckets, with the hour lost when
     * clocks go forward (a 23-hour day), and the shortest month.
     */
    public Duration shortest() {
        return switch (unit) {
            case FIXED -> Duration.ofNanos(micros * 1_000);
            case DAY -> Duration.ofHours(23);
            case WEEK -> Duration.ofDays(7).minusHours(1);
            case MONTH -> Duration.ofDays(28).minusHours(1);
        };
    }

    /**
     * The start of the bucket holding {@code time} (a timestamp column), as a timestamp. Independent of
     * {@code spark.sql.session.timeZone}: the wall clock of {@code zone} is taken with
     * {@code from_utc_timestamp} and turned back into an instant with {@code to_utc_timestamp}, and the
     * calendar arithmetic runs on epoch days.
     */
    public Column bucketStart(Column time, ZoneId zone) {
        if (unit == Unit.FIXED) {
            Column micros = unix_micros(time);
            return timestamp_micros(micros.minus(pmod(micros, lit(this.micros))));
        }
        String zoneId = zone.getId();
        Column localDay = floor(unix_micros(from_utc_timestamp(time, zoneId)).divide(lit(MICROS_PER_DAY)));
        Column startDay = switch (unit) {
            case DAY -> localDay;
            // Epoch day 0, 1970-01-01, was a Thursday: Monday is 3 days before.
            case WEEK -> localDay.minus(pmod(localDay.plus(lit(3)), lit(7)));
            default -> unix_date(trunc(date_from_unix_date(localDay.cast("int")), "month"));
        };
        return to_utc_timestamp(timestamp_micros(startDay.cast("long").multiply(lit(MICROS_PER_DAY))), zoneId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisplayInterval other && other.unit == unit && other.micros == micros
                && other.label.equals(label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, unit, micros);
    }

    @Override
    public String toString() {
        return label;
    }
}
