package io.tickpipe.spark.model;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model directory: what the MLlib model beside it was trained on and how
 * to score with it. Jackson writes and reads it field by field.
 *
 * @param version           format of the directory; {@link #VERSION} is the one this code reads
 * @param model             the MLlib estimator, {@code kmeans}
 * @param interval          the bar interval trained on and scored
 * @param features          feature names, in the order of the model's coordinates
 * @param trainingFrom      first bar start of the training bars (ISO-8601)
 * @param trainingTo        last bar start of the training bars (ISO-8601)
 * @param inputs            what the history was read from
 * @param trainingBars      bars with features the model was fitted to
 * @param clusterShares     share of the training bars nearest each centre, in the model's centre order
 * @param minClusterShare   centres with a smaller share are outliers themselves and not scored against
 * @param thresholdQuantile the quantile of the training scores taken as the threshold
 * @param threshold         the score at or above which a bar is an anomaly
 * @param warmupBars        bars a symbol not trained on standardizes itself with
 * @param standardization   per training symbol, each feature's mean and population standard deviation
 */
public record ModelManifest(int version, String model, String interval, List<String> features, String trainingFrom,
                            String trainingTo, List<String> inputs, long trainingBars, List<Double> clusterShares,
                            double minClusterShare, double thresholdQuantile, double threshold, int warmupBars,
                            Map<String, SymbolStandardization> standardization) {

    /** The directory format this code writes and reads. */
    public static final int VERSION = 1;

    /** The estimator's name in {@link #model()}. */
    public static final String KMEANS = "kmeans";

    /** One symbol's per-feature mean and standard deviation. */
    public record SymbolStandardization(List<Double> mean, List<Double> deviation) {
    }
}
