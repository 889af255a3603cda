package io.tickpipe.spark.analytics;

import java.io.Serializable;

/** Mean of the last n values. */
public final class SimpleMovingAverage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] window;
    private int count;
    private int next;

    /** SMA over {@code period} values. */
    public SimpleMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("SMA period must be at least 1, was " + period);
        }
        this.window = new double[period];
    }

    /** Adds the next value; returns the mean of the last n, null until n values were seen. */
    public Double add(double value) {
        window[next] = value;
        next = (next + 1) % window.length;
        count = Math.min(count + 1, window.length);
        if (count < window.length) {
            return null;
        }
        // Summed afresh each time rather than kept as a running sum: a running sum drifts by rounding
        // over a long stream, and n is small.
        double sum = 0;
        for (double v : window) {
            sum += v;
        }
        return sum / window.length;
    }
}
