package io.tickpipe.stream;

import io.tickpipe.influx.InfluxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job's command line. Every option can also come from a properties file ({@code --config FILE},
 * keys are the long option names without dashes, e.g. {@code influx-url=http://influx:8086});
 * the command line wins. Secrets are never options: they come from files or the environment.
 */
@Command(name = "spark-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Structured Streaming: market trades and quotes from Kafka (Confluent-format Avro,",
                "decoded through the schema registry) into bars, VWAP, indicators and anomalies in InfluxDB.",
                "Undecodable records go to <topic>.dlq."},
        footer = {"", "Secrets: INFLUX_TOKEN / INFLUX_PASSWORD (or the *-file options),",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO (or --registry-credentials-file)."})
public final class StreamOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for any option below.")
    Path config;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = {"-K", "--kafka-option"}, paramLabel = "KEY=VALUE",
            description = "Extra Kafka consumer/producer setting, e.g. security.protocol=SSL. Repeatable.")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(names = "--topic-prefix", defaultValue = "market",
            description = "Topics are <prefix>.trades and <prefix>.quotes (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--starting-offsets", defaultValue = "earliest",
            description = "Where a query without a checkpoint starts: earliest or latest (default: ${DEFAULT-VALUE}).")
    String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N",
            description = "Cap on records per micro-batch (default: no cap).")
    Long maxOffsetsPerTrigger;

    @Option(names = "--schema-registry", defaultValue = "http://127.0.0.1:8081/apis/ccompat/v7", paramLabel = "URL",
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE",
            description = "File holding the registry's USER:PASSWORD.")
    Path registryCredentialsFile;

    @Mixin
    InfluxOptions influx;

    @Option(names = "--influx-max-retries", defaultValue = "8", paramLabel = "N",
            description = "Retries of a failed write (InfluxDB down, 5xx, 429), with exponential backoff from 200 ms"
                    + " to 10 s; then the micro-batch fails and its query restarts from the checkpoint (default: ${DEFAULT-VALUE}).")
    int influxMaxRetries;

    @Option(names = "--checkpoint-dir", defaultValue = "checkpoints/spark-stream", paramLabel = "DIR",
            description = "Checkpoint root, one subdirectory per query; on a cluster a shared file system"
                    + " such as HDFS or S3 (default: ${DEFAULT-VALUE}).")
    String checkpointDir;

    @Option(names = "--trigger", defaultValue = "1 second", paramLabel = "INTERVAL",
            description = "Micro-batch interval (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(names = "--intervals", defaultValue = "1s,1m", split = ",", paramLabel = "INTERVAL",
            description = "Bar intervals, e.g. 1s,1m,5m (default: ${DEFAULT-VALUE}).")
    List<String> intervals;

    @Option(names = "--watermark", defaultValue = "5 seconds", paramLabel = "DELAY",
            description = "Allowed lateness of trades; later ones are counted in `pipeline`, not used (default: ${DEFAULT-VALUE}).")
    String watermark;

    @Option(names = "--sma-period", defaultValue = "20", description = "Bars in the simple moving average (default: ${DEFAULT-VALUE}).")
    int smaPeriod;

    @Option(names = "--ema-period", defaultValue = "20", description = "Bars in the exponential moving average (default: ${DEFAULT-VALUE}).")
    int emaPeriod;

    @Option(names = "--rsi-period", defaultValue = "14", description = "Bars in the RSI, Wilder smoothing (default: ${DEFAULT-VALUE}).")
    int rsiPeriod;

    @Option(names = "--session-zone", defaultValue = "America/New_York", paramLabel = "ZONE",
            description = "Exchange time zone of the session open (default: ${DEFAULT-VALUE}).")
    String sessionZone;

    @Option(names = "--session-open", defaultValue = "09:30", paramLabel = "HH:MM",
            description = "Local time at which session VWAP resets (default: ${DEFAULT-VALUE}).")
    String sessionOpen;

    @Option(names = "--anomaly-window", defaultValue = "30", paramLabel = "BARS",
            description = "Bars of history an anomaly is scored against (default: ${DEFAULT-VALUE}).")
    int anomalyWindow;

    @Option(names = "--anomaly-threshold", defaultValue = "4.0", paramLabel = "SCORE",
            description = "Robust z-score from which a bar is an anomaly (default: ${DEFAULT-VALUE}).")
    double anomalyThreshold;

    @Option(names = "--raw", defaultValue = "true", arity = "0..1", paramLabel = "true|false",
            description = "Also write every trade to the `trades` measurement (default: ${DEFAULT-VALUE}).")
    boolean raw;

    /** Parses args, with {@code --config FILE}'s properties as defaults. */
    public static CommandLine commandLine(StreamOptions options, String... args) {
        CommandLine cli = new CommandLine(options);
        Path config = configFile(args);
        if (config != null) {
            if (!Files.isReadable(config)) {
                throw new CommandLine.ParameterException(cli, "--config: cannot read " + config);
            }
            cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(config.toFile()));
        }
        return cli;
    }

    // The default provider must be in place before picocli parses, so --config is found by hand first.
    private static Path configFile(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
