package io.tickpipe.spark.analytics;

import java.io.Serializable;

/**
 * Scores each value of a series against the series' recent past: {@code (x - mean) / sigma}, where
 * mean is an EWMA of the values and sigma is {@code sqrt(pi/2)} times an EWMA of the absolute
 * deviations from that mean.
 *
 * <p>Why these choices:
 * <ul>
 *   <li>EWMA (weight {@code 2/(window+1)}, the span convention) rather than a median over a buffer:
 *   constant state and work per bar, and it follows regime changes smoothly.</li>
 *   <li>Mean absolute deviation rather than standard deviation: one squared outlier dominates a
 *   variance, an absolute deviation much less. {@code sqrt(pi/2) = 1.2533} makes it estimate the
 *   standard deviation of normal data, the same idea as the 1.4826 factor for a median absolute
 *   deviation (that factor belongs to the median, not to a mean, so using it here would
 *   under-score by 15 %).</li>
 *   <li>Each value is scored before it is learned, so a spike is judged against history that does
 *   not contain it.</li>
 *   <li>The update is winsorised: the deviation that is learned is clipped to
 *   {@code threshold * sigma}, so one outlier moves the mean and deviation no more than a
 *   borderline value would and the detector still sees the next outlier.</li>
 *   <li>Warm-up: no score for the first {@code window} values. While warming up the weight is
 *   {@code max(1/k, 2/(window+1))} for the k-th value (a plain running mean at first), so the first
 *   value does not bias the estimates for long, and nothing is clipped yet.</li>
 *   <li>sigma is floored at {@value #MIN_SIGMA}: a perfectly flat history makes any move an
 *   anomaly, which is what it is, without dividing by zero.</li>
 * </ul>
 */
public final class RobustZScore implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Mean absolute deviation of normal data is sigma * sqrt(2/pi). */
    static final double ABS_DEVIATION_TO_SIGMA = Math.sqrt(Math.PI / 2);
    static final double MIN_SIGMA = 1e-9;

    private final int window;
    private final double threshold;
    private final double weight;
    private long count;
    private double mean;
    private double absDeviation;

    /** Scores against about {@code window} recent values; clips learned deviations at {@code threshold} sigma. */
    public RobustZScore(int window, double threshold) {
        if (window < 2) {
            throw new IllegalArgumentException("anomaly window must be at least 2, was " + window);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("anomaly threshold must be a positive number, was " + threshold);
        }
        this.window = window;
        this.threshold = threshold;
        this.weight = 2.0 / (window + 1);
    }

    /** Scores {@code value} against the history, then learns it; NaN while warming up. */
    public double observe(double value) {
        boolean warm = count >= window;
        double sigma = Math.max(ABS_DEVIATION_TO_SIGMA * absDeviation, MIN_SIGMA);
        double deviation = value - mean;
        double score = warm ? deviation / sigma : Double.NaN;
        if (count == 0) {
            mean = value;
        } else {
            double w = warm ? weight : Math.max(1.0 / (count + 1), weight);
            double limit = threshold * sigma;
            double learned = warm ? Math.max(-limit, Math.min(limit, deviation)) : deviation;
            mean += w * learned;
            absDeviation += w * (Math.abs(learned) - absDeviation);
        }
        count++;
        return score;
    }

    /** Whether {@code score} (from {@link #observe}) is an anomaly. */
    public boolean isAnomalous(double score) {
        return Math.abs(score) >= threshold;
    }
}
