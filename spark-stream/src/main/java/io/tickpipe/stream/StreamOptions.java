package io.tickpipe.stream;

import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.job.AnalyticsOptions;
import io.tickpipe.spark.job.AnomalyModelOption;
import io.tickpipe.spark.job.InfluxWriteOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job's command line: the option groups it shares with the batch job, and its own (offsets,
 * checkpoints, trigger, watermark, raw points). Every option can also come from a properties file
 * ({@code --config FILE}); the command line wins. Secrets are never options: they come from files
 * or the environment.
 */
@Command(name = "spark-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Structured Streaming: market trades and quotes from Kafka (Confluent-format Avro,",
                "decoded through the schema registry) into bars, VWAP, indicators and anomalies in InfluxDB.",
                "Undecodable records go to <topic>.dlq."})
public final class StreamOptions {

    @Mixin
    ConfigFileOption config;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicPrefixOption topics;

    @Option(names = "--starting-offsets", defaultValue = "earliest", paramLabel = "earliest|latest",
            description = "Where a query without a checkpoint starts: earliest or latest (default: ${DEFAULT-VALUE}).")
    String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N",
            description = "Cap on records per micro-batch (default: no cap).")
    Long maxOffsetsPerTrigger;

    @Mixin
    RegistryOptions registry;

    @Mixin
    InfluxWriteOptions influx;

    @Option(names = "--checkpoint-dir", defaultValue = "checkpoints/spark-stream", paramLabel = "DIR",
            description = "Checkpoint root, one subdirectory per query; on a cluster a shared file system"
                    + " such as HDFS or S3 (default: ${DEFAULT-VALUE}).")
    String checkpointDir;

    // A quarter of a second: a trade waits half an interval for its batch on average, and the bars
    // must be queryable within half a second at the median (docs/tuning.md, "The trigger intervals").
    @Option(names = "--trigger", defaultValue = "250 milliseconds", paramLabel = "INTERVAL",
            description = "Micro-batch interval of the bars, indicators and anomalies (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(names = "--ingest-trigger", defaultValue = "1 second", paramLabel = "INTERVAL",
            description = "Micro-batch interval of the raw points and dead letters (default: ${DEFAULT-VALUE}).")
    String ingestTrigger;

    @Option(names = "--intervals", defaultValue = "1s,1m", split = ",", paramLabel = "INTERVAL",
            description = AnalyticsOptions.INTERVALS_HELP)
    List<String> intervals;

    @Mixin
    AnalyticsOptions analytics;

    @Mixin
    AnomalyModelOption anomalyModel;

    @Option(names = "--watermark", defaultValue = "5 seconds", paramLabel = "DELAY",
            description = "Allowed lateness of trades; later ones are counted in `pipeline`, not used (default: ${DEFAULT-VALUE}).")
    String watermark;

    @Option(names = "--raw", defaultValue = "true", arity = "0..1", paramLabel = "true|false",
            description = InfluxWriteOptions.RAW_HELP)
    boolean raw;
}
