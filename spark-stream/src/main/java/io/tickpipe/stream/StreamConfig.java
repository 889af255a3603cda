package io.tickpipe.stream;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.job.KafkaSettings;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.execution.streaming.ProcessingTimeTrigger;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Everything the queries need, resolved from {@link StreamOptions}: the parts executors use
 * (registry settings, {@link InfluxConfig}, {@link AnalyticsConfig}) are serializable on their own.
 */
public record StreamConfig(
        KafkaSettings kafka,
        String startingOffsets,
        Long maxOffsetsPerTrigger,
        Map<String, String> registryConfig,
        InfluxConfig influx,
        String checkpointDir,
        String trigger,
        String ingestTrigger,
        AnalyticsConfig analytics,
        boolean raw,
        String anomalyModelDir) {

    public static StreamConfig from(StreamOptions o) {
        return from(o, System.getenv());
    }

    static StreamConfig from(StreamOptions o, Map<String, String> env) {
        String offsets = o.startingOffsets.toLowerCase(Locale.ROOT);
        if (!offsets.equals("earliest") && !offsets.equals("latest")) {
            throw new IllegalArgumentException("--starting-offsets must be earliest or latest, not '" + o.startingOffsets + "'");
        }
        intervalMillis("--trigger", o.trigger);
        intervalMillis("--ingest-trigger", o.ingestTrigger);
        return new StreamConfig(KafkaSettings.from(o.kafka, o.topics), offsets, o.maxOffsetsPerTrigger, o.registry.registryConfig(),
                o.influx.influx(env), o.checkpointDir, o.trigger, o.ingestTrigger, o.analytics.analytics(o.intervals).watermark(o.watermark).build(), o.raw,
                o.anomalyModel.dir());
    }

    /** This configuration with the given analytics settings (with the loaded anomaly model, say). */
    public StreamConfig withAnalytics(AnalyticsConfig newAnalytics) {
        return new StreamConfig(kafka, startingOffsets, maxOffsetsPerTrigger, registryConfig, influx, checkpointDir, trigger,
                ingestTrigger, newAnalytics, raw, anomalyModelDir);
    }

    public String tradesTopic() {
        return kafka.tradesTopic();
    }

    public String quotesTopic() {
        return kafka.quotesTopic();
    }

    /** The analytics query's trigger interval in milliseconds, as Spark reads {@link #trigger()}. */
    public long triggerMillis() {
        return intervalMillis("--trigger", trigger);
    }

    /** The ingest query's trigger interval in milliseconds, as Spark reads {@link #ingestTrigger()}. */
    public long ingestTriggerMillis() {
        return intervalMillis("--ingest-trigger", ingestTrigger);
    }

    private static long intervalMillis(String option, String interval) {
        try {
            return ((ProcessingTimeTrigger) Trigger.ProcessingTime(interval)).intervalMs();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be an interval such as '1 second' or '500 milliseconds', not '"
                    + interval + "'", e);
        }
    }

    public String checkpoint(String query) {
        return checkpointDir.replaceAll("/+$", "") + "/" + query;
    }
}
