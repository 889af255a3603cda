package io.tickpipe.batch.analysis;

import io.tickpipe.batch.statistics.SummarySettings;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an analysis needs, resolved from {@link AnalyzeOptions}: one input ({@code source} and its
 * paths or topic), the range ({@code from} inclusive, {@code to} exclusive, either open), the
 * transformations' and the statistics' settings, and the outputs (each optional: null when not asked
 * for; the summary is always printed), the directory of an anomaly model to score with (or null), and a simulation's labels file to measure
 * the anomalies against (or null).
 */
public record AnalyzeConfig(
        AnalyzeOptions.Source source,
        Instant from,
        Instant to,
        String archiveDir,
        List<String> tradeFiles,
        List<String> barFiles,
        String symbol,
        KafkaSettings kafka,
        Map<String, String> registryConfig,
        AnalyticsConfig analytics,
        SummarySettings summary,
        String outputDir,
        String report,
        InfluxConfig influx,
        boolean failOnReject,
        String anomalyModelDir,
        String labels) {

    /** This configuration with the given analytics settings (with the loaded anomaly model, say). */
    public AnalyzeConfig withAnalytics(AnalyticsConfig analytics) {
        return new AnalyzeConfig(source, from, to, archiveDir, tradeFiles, barFiles, symbol, kafka, registryConfig,
                analytics, summary, outputDir, report, influx, failOnReject, anomalyModelDir, labels);
    }
}
