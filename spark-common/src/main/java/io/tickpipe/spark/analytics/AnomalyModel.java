package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.Map;

/**
 * A trained anomaly model as the analytics score with it: the KMeans centres of the standardized
 * {@link BarFeatures} that hold a real share of the training bars, the score from which a bar is an
 * anomaly, and each training symbol's {@link Standardization}. A bar's score is its Euclidean
 * distance to the nearest centre. Loaded from a model directory by
 * {@code io.tickpipe.spark.model.AnomalyModelStore}; the parameters are plain arrays so that the
 * per-symbol state scores without Spark.
 *
 * @param interval        the bar interval it was trained on and scores, e.g. {@code 1m}
 * @param centres         the centres bars are measured against, each {@code BarFeatures.NAMES.size()} long
 * @param threshold       the score at or above which a bar is an anomaly
 * @param standardization the standardization of each symbol trained on
 * @param warmupBars      bars a symbol not trained on first collects to standardize itself; they are not scored
 */
public record AnomalyModel(String interval, double[][] centres, double threshold,
                           Map<String, Standardization> standardization, int warmupBars) implements Serializable {

    public AnomalyModel {
        if (centres.length == 0) {
            throw new IllegalArgumentException("an anomaly model needs at least one centre");
        }
        for (double[] centre : centres) {
            if (centre.length != BarFeatures.NAMES.size()) {
                throw new IllegalArgumentException("a centre has " + centre.length + " coordinates, the features are "
                        + BarFeatures.NAMES.size());
            }
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("the score threshold must be a positive finite number, was " + threshold);
        }
        if (warmupBars < 2) {
            throw new IllegalArgumentException("warm-up bars must be at least 2, was " + warmupBars);
        }
        interval = BarInterval.parse(interval).label();
        standardization = Map.copyOf(standardization);
    }

    /** The distance of standardized features {@code z} to the nearest centre. */
    public double score(double[] z) {
        return distance(centres, z);
    }

    /** The Euclidean distance of {@code z} to the nearest of {@code centres}: the score, as training computes it too. */
    public static double distance(double[][] centres, double[] z) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] centre : centres) {
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                sum += (z[i] - centre[i]) * (z[i] - centre[i]);
            }
            nearest = Math.min(nearest, sum);
        }
        return Math.sqrt(nearest);
    }

    /** A scorer of {@code symbol}'s final bars of {@link #interval}. */
    public ModelScorer scorer(String symbol) {
        return new ModelScorer(this, standardization.get(symbol));
    }
}
