package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * ATR(n) with Wilder's smoothing. A bar's true range is the largest of high - low, |high - previous
 * close| and |low - previous close|, so a gap from the previous close counts as range; the first bar has
 * no previous close and its true range is high - low. The first ATR is the mean of the first n true
 * ranges (with the n-th bar), each later one {@code (previous * (n-1) + true range) / n}, as in
 * StockCharts' example.
 */
public final class AverageTrueRange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int period;
    private boolean hasPrevious;
    private double previousClose;
    private int ranges;
    private double atr;

    /** ATR over {@code period} bars. */
    public AverageTrueRange(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR period must be at least 1, was " + period);
        }
        this.period = period;
    }

    /** Adds the next bar; returns the ATR, null for the first n-1 bars. */
    public Double add(double high, double low, double close) {
        double trueRange = high - low;
        if (hasPrevious) {
            trueRange = Math.max(trueRange, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
        }
        hasPrevious = true;
        previousClose = close;
        ranges++;
        if (ranges <= period) {
            // Until the n-th bar a running sum; dividing at the n-th makes it the plain mean.
            atr += trueRange;
            if (ranges < period) {
                return null;
            }
            atr /= period;
            return atr;
        }
        atr = (atr * (period - 1) + trueRange) / period;
        return atr;
    }
}
