package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * The last n values of a series, in a ring: the window that the SMA and the Bollinger Bands both
 * average, so that their middle is one computation.
 */
final class RollingWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;
    private int count;
    private int next;

    /** A window of {@code size} values; {@code what} names the indicator in the error for a size below 1. */
    RollingWindow(int size, String what) {
        if (size < 1) {
            throw new IllegalArgumentException(what + " period must be at least 1, was " + size);
        }
        this.values = new double[size];
    }

    /** Adds the next value, dropping the oldest once the window is full; returns whether it is full. */
    boolean add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
        return count == values.length;
    }

    /**
     * The mean of the window's values. Summed afresh each time rather than kept as a running sum: a
     * running sum drifts by rounding over a long stream, and n is small.
     */
    double mean() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    /** The window's smallest value. */
    double min() {
        double min = values[0];
        for (int i = 1; i < count; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    /** The window's largest value. */
    double max() {
        double max = values[0];
        for (int i = 1; i < count; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    /**
     * The population variance around {@code mean} (divided by n). Two passes (the mean first, then the
     * squared deviations) rather than a running sum of squares, which loses the digits of a small spread
     * around a large value.
     */
    double variance(double mean) {
        double squares = 0;
        for (int i = 0; i < count; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        return squares / count;
    }
}
