package io.tickpipe.batch;

import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.job.AnalyticsOptions;
import io.tickpipe.spark.job.InfluxWriteOptions;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The batch job's command line: the option groups it shares with the streaming job, and its own
 * (the range to read, raw points). Every option can also come from a properties file
 * ({@code --config FILE}); the command line wins. Secrets are never options.
 */
@Command(name = "spark-batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backfill: the trades topic (all of it, or the records of a time range) through the streaming",
                "job's transformations into the same InfluxDB points (bars, indicators, anomalies), every bar final.",
                "Undecodable records are counted in `pipeline` (stream=batch), not sent to <topic>.dlq again."})
public final class BatchOptions {

    @Mixin
    ConfigFileOption config;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicPrefixOption topics;

    @Option(names = "--from", paramLabel = "INSTANT",
            description = "Read records with a Kafka timestamp at or after this ISO-8601 instant, e.g."
                    + " 2026-03-02T14:30:00Z (default: the topics' beginning).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT",
            description = "Read records with a Kafka timestamp before this instant (default: the topics' end now).")
    Instant to;

    @Mixin
    RegistryOptions registry;

    @Mixin
    InfluxWriteOptions influx;

    @Mixin
    AnalyticsOptions analytics;

    @Option(names = "--raw", defaultValue = "false", arity = "0..1", paramLabel = "true|false",
            description = "Also write every trade and quote of the range to `trades` and `quotes` (default: ${DEFAULT-VALUE}).")
    boolean raw;
}
