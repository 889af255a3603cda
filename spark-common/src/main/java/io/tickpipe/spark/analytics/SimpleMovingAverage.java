package io.tickpipe.spark.analytics;

import java.io.Serializable;

/** Mean of the last n values. */
public final class SimpleMovingAverage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RollingWindow window;

    /** SMA over {@code period} values. */
    public SimpleMovingAverage(int period) {
        this.window = new RollingWindow(period, "SMA");
    }

    /** Adds the next value; returns the mean of the last n, null until n values were seen. */
    public Double add(double value) {
        return window.add(value) ? window.mean() : null;
    }
}
