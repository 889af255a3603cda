package io.tickpipe.batch.model;

import io.tickpipe.batch.analysis.AnalyzeConfig;

/**
 * What {@code train-anomaly-model} needs, resolved from {@link TrainAnomalyModelOptions}.
 *
 * @param history           the input, read as {@code analyze} reads it, analysed at {@code interval} only
 * @param interval          the bars trained on, e.g. {@code 1m}
 * @param modelDir          where the model goes
 * @param clusters          KMeans' k
 * @param minClusterShare   centres with a smaller share of the training bars are not scored against
 * @param thresholdQuantile quantile of the training scores taken as the threshold
 * @param warmupBars        bars a symbol not trained on standardizes itself with
 * @param seed              KMeans' seed
 */
public record TrainConfig(AnalyzeConfig history, String interval, String modelDir, int clusters, double minClusterShare,
                          double thresholdQuantile, int warmupBars, long seed) {
}
