package io.tickpipe.spark.job;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.options.InfluxOptions;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The InfluxDB options of both jobs (a picocli mixin): the connection options every InfluxDB
 * command shares ({@link InfluxOptions}, also {@code tickpipe watch}'s), and how hard a write tries.
 */
public final class InfluxWriteOptions {

    /** The help of each job's {@code --raw}; the default differs, live or a backfill. */
    public static final String RAW_HELP = "Also write every trade and quote to the `trades` and `quotes` measurements"
            + " (default: ${DEFAULT-VALUE}).";

    @Mixin
    InfluxOptions connection;

    @Option(names = "--influx-max-retries", defaultValue = "8", paramLabel = "N",
            description = "Retries of a failed write (InfluxDB down, 5xx, 429), with exponential backoff from 200 ms"
                    + " to 10 s; then the write fails: the stream's micro-batch runs again after its query restarts,"
                    + " the batch job exits non-zero (default: ${DEFAULT-VALUE}).")
    int influxMaxRetries;

    /** The configuration, secrets read from the files given or from {@code env}. */
    public InfluxConfig influx(Map<String, String> env) {
        Map<String, String> settings = connection.settings();
        settings.put(InfluxConfig.MAX_RETRIES, Integer.toString(influxMaxRetries));
        return InfluxConfig.fromMap(settings, env);
    }
}
