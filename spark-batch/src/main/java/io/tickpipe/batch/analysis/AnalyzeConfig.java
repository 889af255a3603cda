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
 * for; the summary is always printed).
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
        boolean failOnReject) {
}
