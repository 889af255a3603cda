package io.tickpipe.batch;

import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.job.AnalyticsOptions;
import io.tickpipe.spark.job.InfluxWriteOptions;
import io.tickpipe.spark.job.JobCommandLine;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The batch job's command line: the option groups it shares with the streaming job, and its own
 * (the range to read, raw points). Every option can also come from a properties file
 * ({@code --config FILE}); the command line wins. Secrets are never options.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The trades topic (all of it, or the records of a time range) through the streaming job's",
                "transformations into the same InfluxDB points (bars, indicators, anomalies), every bar final.",
                "Undecodable records are counted in `pipeline` (stream=batch), not sent to <topic>.dlq again.",
                "--from/--to bound the Kafka records' timestamps."})
public final class BackfillOptions implements JobCommandLine.JobOptions<BackfillConfig> {

    @Mixin
    ConfigFileOption config;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicPrefixOption topics;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    RegistryOptions registry;

    @Mixin
    InfluxWriteOptions influx;

    @Option(names = "--intervals", defaultValue = "1s,1m", split = ",", paramLabel = "INTERVAL",
            description = AnalyticsOptions.INTERVALS_HELP)
    List<String> intervals;

    @Mixin
    AnalyticsOptions analytics;

    @Option(names = "--raw", defaultValue = "false", arity = "0..1", paramLabel = "true|false",
            description = InfluxWriteOptions.RAW_HELP)
    boolean raw;

    @Override
    public BackfillConfig resolve() {
        return BackfillConfig.from(this);
    }
}
