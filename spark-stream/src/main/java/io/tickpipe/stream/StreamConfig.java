package io.tickpipe.stream;

import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.wire.registry.RegistryConfig;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the queries need, resolved from {@link StreamOptions}: the parts executors use
 * (registry settings, {@link InfluxConfig}, {@link AnalyticsConfig}) are serializable on their own.
 */
public record StreamConfig(
        String bootstrapServers,
        Map<String, String> kafkaOptions,
        String topicPrefix,
        String startingOffsets,
        Long maxOffsetsPerTrigger,
        Map<String, String> registryConfig,
        InfluxConfig influx,
        String checkpointDir,
        String trigger,
        AnalyticsConfig analytics,
        boolean rawTrades) {

    public static StreamConfig from(StreamOptions o) {
        return from(o, System.getenv());
    }

    static StreamConfig from(StreamOptions o, Map<String, String> env) {
        Map<String, String> registry = new HashMap<>();
        registry.put(RegistryConfig.URL, o.schemaRegistry);
        if (o.registryCredentialsFile != null) {
            registry.put(RegistryConfig.CREDENTIALS_SOURCE, "USER_INFO");
            registry.put(RegistryConfig.USER_INFO_FILE, o.registryCredentialsFile.toString());
        }
        String offsets = o.startingOffsets.toLowerCase(Locale.ROOT);
        if (!offsets.equals("earliest") && !offsets.equals("latest")) {
            throw new IllegalArgumentException("--starting-offsets must be earliest or latest, not '" + o.startingOffsets + "'");
        }
        AnalyticsConfig analytics = AnalyticsConfig.builder()
                .intervals(o.intervals.toArray(String[]::new))
                .watermark(o.watermark)
                .smaPeriod(o.smaPeriod)
                .emaPeriod(o.emaPeriod)
                .rsiPeriod(o.rsiPeriod)
                .sessionZone(o.sessionZone)
                .sessionOpen(LocalTime.parse(o.sessionOpen))
                .anomalyWindow(o.anomalyWindow)
                .anomalyThreshold(o.anomalyThreshold)
                .build();
        return new StreamConfig(o.bootstrapServers, Map.copyOf(o.kafkaOptions), o.topicPrefix, offsets,
                o.maxOffsetsPerTrigger, Map.copyOf(registry), InfluxConfig.fromMap(influxSettings(o), env),
                o.checkpointDir, o.trigger, analytics, o.raw);
    }

    private static Map<String, String> influxSettings(StreamOptions o) {
        Map<String, String> s = new LinkedHashMap<>(o.influx.settings());
        s.put(InfluxConfig.MAX_RETRIES, Integer.toString(o.influxMaxRetries));
        return s;
    }

    public String tradesTopic() {
        return MarketContract.TRADES.topic(topicPrefix);
    }

    public String quotesTopic() {
        return MarketContract.QUOTES.topic(topicPrefix);
    }

    /** Kafka client settings in the form Spark's Kafka source and sink take them. */
    public Map<String, String> sparkKafkaOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrapServers);
        kafkaOptions.forEach((key, value) -> options.put("kafka." + key, value));
        return options;
    }

    public String checkpoint(String query) {
        return checkpointDir.replaceAll("/+$", "") + "/" + query;
    }
}
