package io.tickpipe.spark.analytics;

import java.util.List;

/**
 * The features the anomaly model sees of one final bar, in {@link #NAMES} order: the log return of
 * the close against the previous final bar's close, the log of one plus the volume (a bar of only
 * zero-size prints still has one), the high-low range over the close, and the trade count. The
 * spread is not among them: bars are made of trades, and quotes never reach them.
 *
 * <p>Training ({@code spark-batch train-anomaly-model}) computes the same formulas in Spark SQL over
 * the bars; {@link #NAMES} is what a model's manifest must list to be scored here.
 */
public final class BarFeatures {
    /** The feature names, as a model's manifest lists them. */
    public static final List<String> NAMES = List.of("log_return", "log_volume", "range_over_close", "trade_count");

    private BarFeatures() {
    }

    /**
     * The features of {@code bar}, or null when it has none: the symbol's first bar (no previous
     * close), or a bar without a trade count (made from bar files).
     */
    public static double[] of(Bar bar, double previousClose) {
        if (Double.isNaN(previousClose) || bar.tradeCount() == null || bar.close() <= 0 || previousClose <= 0) {
            return null;
        }
        return new double[] {
            Math.log(bar.close() / previousClose),
            Math.log1p(bar.volume()),
            (bar.high() - bar.low()) / bar.close(),
            bar.tradeCount()
        };
    }
}
