package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * RSI(n) with Wilder's smoothing: the first average gain and loss are plain means of the first n
 * changes, each later one {@code (previous * (n-1) + current) / n}. The first value therefore comes
 * with the (n+1)-th close, as in StockCharts' example.
 */
public final class RelativeStrengthIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int period;
    private boolean hasPrevious;
    private double previous;
    private int changes;
    private double averageGain;
    private double averageLoss;

    /** RSI over {@code period} changes. */
    public RelativeStrengthIndex(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("RSI period must be at least 1, was " + period);
        }
        this.period = period;
    }

    /** Adds the next close; returns the RSI (0-100), null until n changes were seen. */
    public Double add(double close) {
        if (!hasPrevious) {
            hasPrevious = true;
            previous = close;
            return null;
        }
        double change = close - previous;
        previous = close;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        changes++;
        if (changes <= period) {
            // Until the n-th change these are running sums; dividing at the n-th makes them plain means.
            averageGain += gain;
            averageLoss += loss;
            if (changes < period) {
                return null;
            }
            averageGain /= period;
            averageLoss /= period;
        } else {
            averageGain = (averageGain * (period - 1) + gain) / period;
            averageLoss = (averageLoss * (period - 1) + loss) / period;
        }
        if (averageLoss == 0) {
            // No losses: RS is infinite and RSI 100, except a flat series, which is neither strong nor weak.
            return averageGain == 0 ? 50.0 : 100.0;
        }
        return 100 - 100 / (1 + averageGain / averageLoss);
    }
}
