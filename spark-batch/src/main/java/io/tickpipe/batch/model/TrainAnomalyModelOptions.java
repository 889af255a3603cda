package io.tickpipe.batch.model;

import io.tickpipe.batch.analysis.AnalysisInputOptions;
import io.tickpipe.batch.analysis.AnalyzeConfig;
import io.tickpipe.batch.statistics.SummarySettings;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.job.JobCommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spark-batch train-anomaly-model}: a KMeans anomaly model of history's bars, saved with its manifest. */
@Command(name = "train-anomaly-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the anomaly model the streaming job and analyze score with (--anomaly-model): the"
                + " features of",
                "every bar of --interval (log return, log volume, high-low range over close, trade count), standardized",
                "per symbol, clustered by MLlib's KMeans; a bar's score is its distance to the nearest centre. Writes",
                "the MLlib model and manifest.json (features, interval, training range, standardization, threshold)",
                "to --model-dir. Reads the inputs analyze reads; bar files have no trade counts and cannot train it.",
                "Exit codes: 0 done, 1 nothing to train on, 2 misuse."})
public final class TrainAnomalyModelOptions implements JobCommandLine.JobOptions<TrainConfig> {

    @Mixin
    ConfigFileOption config;

    @Mixin
    AnalysisInputOptions input;

    @Option(names = "--interval", defaultValue = "1m", paramLabel = "INTERVAL",
            description = "The bars the model learns and scores, e.g. 1s, 1m (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR",
            description = "Write the model here, replacing a model there (any Hadoop path).")
    String modelDir;

    @Option(names = "--clusters", defaultValue = "4", paramLabel = "K",
            description = "KMeans centres (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--min-cluster-share", defaultValue = "0.02", paramLabel = "SHARE",
            description = "Centres nearest to a smaller share of the training bars are outliers themselves: bars are not"
                    + " scored against them (default: ${DEFAULT-VALUE}).")
    double minClusterShare;

    @Option(names = "--threshold-quantile", defaultValue = "0.99", paramLabel = "Q",
            description = "The score threshold is this quantile of the training bars' scores: about 1 - Q of bars like"
                    + " them are flagged (default: ${DEFAULT-VALUE}).")
    double thresholdQuantile;

    @Option(names = "--warmup-bars", defaultValue = "30", paramLabel = "N",
            description = "Bars a symbol the model was not trained on first collects to standardize its features;"
                    + " they are not scored (default: ${DEFAULT-VALUE}).")
    int warmupBars;

    @Option(names = "--model-seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of KMeans' initialization: the same history and seed give the same model (default:"
                    + " ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public TrainConfig resolve() {
        AnalysisInputOptions in = input.checked();
        BarInterval bars = BarInterval.parse(interval);
        require(clusters >= 1, "--clusters must be at least 1, got " + clusters);
        require(minClusterShare >= 0 && minClusterShare < 1, "--min-cluster-share must be in [0, 1), got " + minClusterShare);
        require(thresholdQuantile > 0 && thresholdQuantile < 1, "--threshold-quantile must be in (0, 1), got " + thresholdQuantile);
        require(warmupBars >= 2, "--warmup-bars must be at least 2, got " + warmupBars);
        AnalyticsConfig analytics = AnalyticsConfig.builder().intervals(bars.label()).build();
        SummarySettings summary = SummarySettings.defaults().withInterval(bars.label())
                .withSessionZone(analytics.sessionZone()).withTradingDay(analytics.sessionHours().length());
        AnalyzeConfig history = new AnalyzeConfig(in.source(), in.from(), in.to(), in.archiveDir(), in.tradeFiles(),
                in.barFiles(), in.symbol(), in.kafka(), in.registryConfig(), analytics, summary, null, null, null, false, null, null);
        return new TrainConfig(history, bars.label(), modelDir, clusters, minClusterShare, thresholdQuantile, warmupBars, seed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
