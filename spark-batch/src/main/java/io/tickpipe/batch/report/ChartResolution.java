package io.tickpipe.batch.report;

import io.tickpipe.spark.analytics.BarInterval;
import java.time.Duration;
import java.time.Instant;

/**
 * Picks the interval of a symbol's chart, so that the chart holds at most {@link #MAX_CANDLES}
 * candles however long the analysed range is: the bars' own interval when they fit, else the finest
 * interval of {@link DisplayInterval#LADDER} that is a whole multiple of it and whose candles, counted
 * from the range alone, cannot exceed the limit.
 *
 * <p>The count is an upper bound that needs no pass over the data: a range of length {@code s} meets at
 * most {@code ceil(s / L) + 1} buckets no shorter than {@code L}, and never more than there are bars.
 * Markets that trade only part of the day fill fewer buckets than that, so their charts come out
 * coarser than the limit would allow (a year of 1m equity bars: 6h candles, two per session).
 *
 * <p>What this bounds: every chart holds at most 1,500 candles, each with its nine indicator values,
 * and at most {@link ChartDownsampling#ANOMALY_CAP} anomaly marks. For 100 symbols and a year of 1m bars
 * (525,600 bars each, 6h candles) the report holds at most 150,000 candles and 50,000 anomalies instead
 * of 52.6 million bars, and its file is at most {@link #HUNDRED_SYMBOL_YEAR_BOUND_BYTES} bytes (63 MB):
 * a candle is at most 360 characters of JSON (six numbers and nine indicator values, a double being at
 * most 24), an anomaly at most 90, ECharts 1 MB, the tables a few kB per symbol. A browser parses and
 * draws that in seconds; {@code ReportSizeIT} builds such a report for ten symbols and checks the bound
 * of ten, {@code FIXED_BOUND_BYTES + 10 * PER_SYMBOL_BOUND_BYTES} (the hundred are measured in
 * docs/performance.md).
 */
public final class ChartResolution {
    /**
     * The most candles a chart holds. A chart is at most about 1,500 CSS pixels wide on a common
     * 1920-pixel-wide screen once the price axis and the margins are drawn, and a candle needs at least
     * one pixel: more candles than that are drawn over each other and show nothing more, while the file
     * and the browser carry them all.
     */
    public static final int MAX_CANDLES = 1_500;

    /** What the report costs whatever its symbols: ECharts, the page, the run's description. */
    public static final long FIXED_BOUND_BYTES = 1_500_000L;

    /** What one symbol adds at most: its candles with their overlays, its anomaly marks, its tables. */
    public static final long PER_SYMBOL_BOUND_BYTES = 615_000L;

    /** The bound on the report's file for 100 symbols and a year of 1m bars (see the class comment). */
    public static final long HUNDRED_SYMBOL_YEAR_BOUND_BYTES = FIXED_BOUND_BYTES + 100 * PER_SYMBOL_BOUND_BYTES;

    private ChartResolution() {
    }

    /**
     * The interval of a chart of {@code barCount} bars of interval {@code bars}, the first starting at
     * {@code first} and the last at {@code last}.
     */
    public static DisplayInterval choose(BarInterval bars, long barCount, Instant first, Instant last) {
        return choose(bars, barCount, first, last, MAX_CANDLES);
    }

    /**
     * As {@link #choose(BarInterval, long, Instant, Instant)}, with at most {@code maxCandles} candles.
     * Past the coarsest interval (monthly candles, over a century for 1,500), that one.
     */
    public static DisplayInterval choose(BarInterval bars, long barCount, Instant first, Instant last,
                                         int maxCandles) {
        if (maxCandles < 1) {
            throw new IllegalArgumentException("a chart must hold at least one candle, not " + maxCandles);
        }
        DisplayInterval own = DisplayInterval.of(bars);
        if (barCount <= maxCandles) {
            return own;
        }
        DisplayInterval coarsest = own;
        for (DisplayInterval candidate : DisplayInterval.LADDER) {
            if (!aggregates(candidate, bars)) {
                continue;
            }
            coarsest = candidate;
            if (candleBound(candidate, barCount, first, last) <= maxCandles) {
                return candidate;
            }
        }
        return coarsest;
    }

    /**
     * The most candles of interval {@code display} that {@code barCount} bars starting from
     * {@code first} to {@code last} can fill.
     */
    public static long candleBound(DisplayInterval display, long barCount, Instant first, Instant last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last bar (" + last + ") starts before the first (" + first + ")");
        }
        long span = micros(Duration.between(first, last));
        long shortest = micros(display.shortest());
        long buckets = Math.floorDiv(span + shortest - 1, shortest) + 1;
        return Math.min(barCount, buckets);
    }

    /** Whether candles of {@code display} are unions of whole bars of {@code bars}, more than one each. */
    private static boolean aggregates(DisplayInterval display, BarInterval bars) {
        if (display.nominalMicros() <= bars.micros()) {
            return false;
        }
        return display.unit() != DisplayInterval.Unit.FIXED || display.nominalMicros() % bars.micros() == 0;
    }

    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
    }
}
