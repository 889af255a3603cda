package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * MACD (fast, slow, signal) of the closes: the fast EMA minus the slow EMA, both seeded with the SMA
 * of their first values ({@link ExponentialMovingAverage}, StockCharts' definition); the signal line is
 * the EMA of the MACD values, seeded with the SMA of the first {@code signal} of them; the histogram is
 * MACD minus signal. MACD comes with the slow-th close, the signal and histogram {@code signal - 1}
 * closes later (with 12, 26, 9: the 26th and the 34th close).
 */
public final class MovingAverageConvergenceDivergence implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ExponentialMovingAverage fast;
    private final ExponentialMovingAverage slow;
    private final ExponentialMovingAverage signal;

    /** MACD over a fast and a slow EMA of closes ({@code fast < slow}) and a signal EMA of MACD values. */
    public MovingAverageConvergenceDivergence(int fast, int slow, int signal) {
        if (fast < 1 || slow < 1 || signal < 1) {
            throw new IllegalArgumentException("MACD periods must be at least 1, were " + fast + ", " + slow + ", " + signal);
        }
        if (fast >= slow) {
            throw new IllegalArgumentException("MACD's fast period (" + fast + ") must be shorter than its slow period (" + slow + ")");
        }
        this.fast = new ExponentialMovingAverage(fast);
        this.slow = new ExponentialMovingAverage(slow);
        this.signal = new ExponentialMovingAverage(signal);
    }

    /**
     * The MACD lines of one close.
     *
     * @param signal the signal line, null while its EMA warms up
     * @param histogram {@code macd - signal}, null with the signal
     */
    public record Lines(double macd, Double signal, Double histogram) {
    }

    /** Adds the next close; returns the lines, null until the slow EMA has its first value. */
    public Lines add(double close) {
        Double fastEma = fast.add(close);
        Double slowEma = slow.add(close);
        if (slowEma == null) {
            return null;
        }
        // The fast EMA is warm whenever the slow one is: its period is shorter.
        double macd = fastEma - slowEma;
        Double signalLine = signal.add(macd);
        return new Lines(macd, signalLine, signalLine == null ? null : macd - signalLine);
    }
}
