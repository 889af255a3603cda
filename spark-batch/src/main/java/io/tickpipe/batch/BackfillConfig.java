package io.tickpipe.batch;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a backfill needs, resolved from {@link BackfillOptions}: the range is of Kafka record
 * timestamps, {@code from} inclusive and {@code to} exclusive, either open (null).
 */
public record BackfillConfig(
        KafkaSettings kafka,
        Map<String, String> registryConfig,
        InfluxConfig influx,
        AnalyticsConfig analytics,
        Instant from,
        Instant to,
        boolean raw) {

    public BackfillConfig {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    public static BackfillConfig from(BackfillOptions o) {
        return from(o, System.getenv());
    }

    static BackfillConfig from(BackfillOptions o, Map<String, String> env) {
        return new BackfillConfig(KafkaSettings.from(o.kafka, o.topics), o.registry.registryConfig(), o.influx.influx(env),
                o.analytics.analytics(o.intervals).build(), o.range.from(), o.range.to(), o.raw);
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
