package io.tickpipe.batch;

import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a backfill needs, resolved from {@link BatchOptions}: the range is of Kafka record
 * timestamps, {@code from} inclusive and {@code to} exclusive, either open (null).
 */
public record BatchConfig(
        KafkaSettings kafka,
        Map<String, String> registryConfig,
        InfluxConfig influx,
        AnalyticsConfig analytics,
        Instant from,
        Instant to,
        boolean raw) {

    public BatchConfig {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    public static BatchConfig from(BatchOptions o) {
        return from(o, System.getenv());
    }

    static BatchConfig from(BatchOptions o, Map<String, String> env) {
        return new BatchConfig(KafkaSettings.from(o.kafka, o.topics), o.registry.registryConfig(), o.influx.influx(env),
                o.analytics.analytics().build(), o.from, o.to, o.raw);
    }

    /** The trades topic, and the quotes topic when raw points are wanted. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(kafka.tradesTopic()));
        if (raw) {
            topics.add(kafka.quotesTopic());
        }
        return topics;
    }
}
