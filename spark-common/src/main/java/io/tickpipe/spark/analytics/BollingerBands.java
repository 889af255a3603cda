package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * Bollinger Bands (n, k) of the closes: the middle band is the SMA of the last n closes, the upper and
 * lower bands k standard deviations above and below it. The standard deviation is the population one
 * (divided by n, not n-1), as Bollinger defines it: the n closes are the whole window, not a sample.
 * %B places the close within the bands (0 at the lower, 1 at the upper, outside 0-1 beyond them), and
 * BandWidth is the bands' distance relative to the middle band, {@code (upper - lower) / middle}.
 */
public final class BollingerBands implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double width;
    private final RollingWindow window;

    /** Bands over {@code period} closes, {@code width} standard deviations from the middle. */
    public BollingerBands(int period, double width) {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("Bollinger width must be a positive finite number, was " + width);
        }
        this.width = width;
        this.window = new RollingWindow(period, "Bollinger");
    }

    /**
     * The bands of one close.
     *
     * @param percentB where the close is within the bands; null when they have no width (a flat window)
     * @param bandwidth {@code (upper - lower) / middle}; 0 for a flat window, null if the middle is 0
     */
    public record Bands(double middle, double upper, double lower, Double percentB, Double bandwidth) {
    }

    /** Adds the next close; returns the bands, null until n closes were seen. */
    public Bands add(double close) {
        if (!window.add(close)) {
            return null;
        }
        double min = window.min();
        if (min == window.max()) {
            // A flat window: its mean is that value and it has no spread. Summing n copies of it may
            // round, and the rounded mean would give the window a spread of rounding errors.
            return new Bands(min, min, min, null, min == 0 ? null : 0.0);
        }
        double middle = window.mean();
        double deviation = Math.sqrt(window.variance(middle));
        double upper = middle + width * deviation;
        double lower = middle - width * deviation;
        Double percentB = upper > lower ? (close - lower) / (upper - lower) : null;
        Double bandwidth = middle == 0 ? null : (upper - lower) / middle;
        return new Bands(middle, upper, lower, percentB, bandwidth);
    }
}
