package io.tickpipe.batch.statistics;

import io.tickpipe.spark.analytics.BarInterval;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What {@link SymbolStatistics#summary} summarises and how it annualises: the summary interval (the
 * bars it reads, {@code 1d} by default), the length of a trading day (24 hours by default, for
 * markets that trade around the clock; 6.5 hours for an equity session), and the zone whose calendar
 * days the bars of a day interval span (UTC by default, as {@link BarInterval} aligns them).
 *
 * @param interval     the bars summarised: those whose {@code interval} column is this label
 * @param tradingDay   how long a trading day is, for the number of intraday bars in a year
 * @param sessionZone  a bar of {@code N} days ends at the same local time {@code N} calendar days later
 *                     in this zone, so the last bar of a range ending on a daylight-saving change
 *                     ends at the next local midnight, not 24 hours after its start
 */
public record SummarySettings(BarInterval interval, Duration tradingDay, ZoneId sessionZone)
        implements Serializable {
    /** Trading days in a year, the convention of annualised volatility. */
    public static final int TRADING_DAYS_PER_YEAR = 252;

    private static final Duration DAY = Duration.ofDays(1);

    public SummarySettings {
        Objects.requireNonNull(interval, "summary interval");
        Objects.requireNonNull(tradingDay, "trading day");
        Objects.requireNonNull(sessionZone, "session zone");
        if (tradingDay.isNegative() || tradingDay.isZero() || tradingDay.compareTo(DAY) > 0) {
            throw new IllegalArgumentException("trading day " + tradingDay
                    + " is not a length above 0 and at most 24 hours (6.5 hours for an equity session)");
        }
    }

    /** Summary interval {@code 1d}, a 24-hour trading day, days in UTC. */
    public static SummarySettings defaults() {
        return new SummarySettings(BarInterval.parse("1d"), DAY, ZoneOffset.UTC);
    }

    /** These settings with the summary interval {@code label} ({@code 1m}, {@code 1h}, {@code 1d}, ...). */
    public SummarySettings withInterval(String label) {
        return new SummarySettings(BarInterval.parse(label), tradingDay, sessionZone);
    }

    public SummarySettings withTradingDay(Duration length) {
        return new SummarySettings(interval, length, sessionZone);
    }

    public SummarySettings withSessionZone(ZoneId zone) {
        return new SummarySettings(interval, tradingDay, zone);
    }

    /**
     * Bars of the summary interval in a year: {@value #TRADING_DAYS_PER_YEAR} trading days times the
     * bars in a trading day. Intraday, a trading day holds {@code tradingDay / interval} bars; an
     * interval at least as long as the trading day (but under a day) counts one bar per trading day;
     * an interval of a day or more holds {@code 1d / interval} trading days (so {@code 2d} gives 126).
     */
    public double periodsPerYear() {
        long intervalMicros = interval.micros();
        long dayMicros = DAY.toNanos() / 1_000;
        if (intervalMicros >= dayMicros) {
            return TRADING_DAYS_PER_YEAR * (double) dayMicros / intervalMicros;
        }
        long tradingDayMicros = tradingDay.toNanos() / 1_000;
        return TRADING_DAYS_PER_YEAR * Math.max(1.0, (double) tradingDayMicros / intervalMicros);
    }

    /** {@code sqrt(periodsPerYear())}: multiplies the standard deviation of a bar's log return. */
    public double annualizationFactor() {
        return Math.sqrt(periodsPerYear());
    }

    /**
     * End (exclusive, epoch micros) of the summary-interval bar starting at {@code startMicros}: a
     * day interval ends its number of calendar days later in {@link #sessionZone()}, any other one
     * its length later.
     */
    public long endMicros(long startMicros) {
        if (!interval.label().endsWith("d")) {
            return interval.endOf(startMicros);
        }
        long days = interval.micros() / (DAY.toNanos() / 1_000);
        Instant start = Instant.EPOCH.plus(startMicros, ChronoUnit.MICROS);
        Instant end = start.atZone(sessionZone).plusDays(days).toInstant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, end);
    }
}
