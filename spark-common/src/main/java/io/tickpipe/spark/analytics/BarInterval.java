package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar length such as {@code 1s}, {@code 1m}, {@code 5m}, {@code 1h} or {@code 1d}; its label is the
 * text it was parsed from.
 *
 * <p>Bars of seconds, minutes and hours are aligned to the Unix epoch (UTC), as Spark's {@code
 * window()} aligns them. Bars of days are calendar days in the interval's zone (the session zone):
 * a {@code 1d} bar of a New York equity runs from New York midnight to the next, 23 or 25 hours on
 * the days daylight saving time begins or ends, not from UTC midnight, which would cut a US evening
 * session in two. Lengths are whole seconds: Spark's event-time timeouts are milliseconds, and a bar
 * end on a whole second is always one of them.
 */
public final class BarInterval implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,8})([smhd])");
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final String label;
    private final long micros;
    /** Days per bar for calendar-day bars, 0 for bars of a fixed length. */
    private final long days;
    private final String zoneId;
    // The last calendar-day bar looked up: trades come in time order mostly, so most lookups hit it.
    // One immutable pair, so a thread never sees the start of one bar with the end of another.
    private transient Span cached;

    private record Span(long start, long end) {
    }

    private BarInterval(String label, long micros, long days, ZoneId zone) {
        this.label = label;
        this.micros = micros;
        this.days = days;
        this.zoneId = zone.getId();
    }

    /** Parses {@code <count><unit>} with unit {@code s}, {@code m}, {@code h} or {@code d}; days in UTC. */
    public static BarInterval parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /** Parses {@code <count><unit>}; bars of {@code d} are calendar days in {@code zone}. */
    public static BarInterval parse(String text, ZoneId zone) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bar interval '" + text
                    + "' is not <count><unit> with unit s, m, h or d (for example 1s, 1m, 5m, 1h, 1d)");
        }
        long count = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long seconds = switch (unit) {
            case "s" -> count;
            case "m" -> count * 60;
            case "h" -> count * 3_600;
            default -> count * SECONDS_PER_DAY;
        };
        return new BarInterval(m.group(), seconds * MICROS_PER_SECOND, unit.equals("d") ? count : 0, zone);
    }

    /** The text this interval was parsed from, e.g. {@code "1m"}; the {@code interval} column. */
    public String label() {
        return label;
    }

    /** Nominal length in microseconds (a calendar day counts 24 hours). */
    public long micros() {
        return micros;
    }

    /** Whether bars are calendar days of {@link #zone()} rather than of a fixed length. */
    public boolean isCalendarDays() {
        return days > 0;
    }

    /** The zone whose calendar days make {@code d} bars. */
    public ZoneId zone() {
        return ZoneId.of(zoneId);
    }

    /** Start (epoch micros) of the bar holding the instant {@code epochMicros}. */
    public long startOf(long epochMicros) {
        if (days == 0) {
            return Math.floorDiv(epochMicros, micros) * micros;
        }
        Span span = cached;
        if (span != null && epochMicros >= span.start() && epochMicros < span.end()) {
            return span.start();
        }
        ZoneId zone = zone();
        Instant instant = Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
        long epochDay = LocalDate.ofInstant(instant, zone).toEpochDay();
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(epochDay, days) * days);
        span = new Span(micros(first, zone), micros(first.plusDays(days), zone));
        cached = span;
        return span.start();
    }

    /** End (exclusive, epoch micros) of the bar that starts at {@code barStartMicros}. */
    public long endOf(long barStartMicros) {
        if (days == 0) {
            return barStartMicros + micros;
        }
        Span span = cached;
        if (span != null && barStartMicros == span.start()) {
            return span.end();
        }
        ZoneId zone = zone();
        LocalDate first = LocalDate.ofInstant(Instant.EPOCH.plus(barStartMicros, ChronoUnit.MICROS), zone);
        return micros(first.plusDays(days), zone);
    }

    private static long micros(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toEpochSecond() * MICROS_PER_SECOND;
    }

    private Object readResolve() {
        // State written before calendar-day bars existed has no zone: its day bars were UTC days.
        return zoneId == null ? new BarInterval(label, micros, days, ZoneOffset.UTC) : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarInterval other && other.micros == micros && other.label.equals(label)
                && other.days == days && other.zoneId.equals(zoneId);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return label;
    }
}
