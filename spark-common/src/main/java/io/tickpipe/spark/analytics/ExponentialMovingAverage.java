package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * EMA(n) with multiplier 2/(n+1), seeded with the SMA of the first n values (StockCharts' definition),
 * so its first value comes with the n-th input and does not depend on an arbitrary first value.
 */
public final class ExponentialMovingAverage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final double multiplier;
    private int count;
    private double seedSum;
    private double ema;

    /** EMA over {@code period} values. */
    public ExponentialMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("EMA period must be at least 1, was " + period);
        }
        this.period = period;
        this.multiplier = 2.0 / (period + 1);
    }

    /** Adds the next value; returns the EMA, null for the first n-1 values. */
    public Double add(double value) {
        if (count < period) {
            seedSum += value;
            count++;
            if (count < period) {
                return null;
            }
            ema = seedSum / period;
            return ema;
        }
        ema += (value - ema) * multiplier;
        return ema;
    }
}
