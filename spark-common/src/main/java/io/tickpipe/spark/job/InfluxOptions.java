package io.tickpipe.spark.job;

import io.tickpipe.spark.influx.InfluxConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The InfluxDB options of both jobs (a picocli mixin). Passwords and tokens come from files or the
 * environment: there is deliberately no option taking them.
 */
public final class InfluxOptions {

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", paramLabel = "URL",
            description = "InfluxDB base URL (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--influx-api", paramLabel = "v1|v2",
            description = "v2: the v2 write API (InfluxDB 2.x/3.x, and 1.8+); v1: /write only (InfluxDB < 1.8)."
                    + " Default: v2 when an org, bucket or token is configured, else v1.")
    String influxApi;

    @Option(names = "--influx-db", defaultValue = "market", description = "Database (v1) (default: ${DEFAULT-VALUE}).")
    String influxDb;

    @Option(names = "--influx-retention-policy", paramLabel = "RP", description = "Retention policy (v1).")
    String influxRetentionPolicy;

    @Option(names = "--influx-user", description = "User (v1); the password comes from INFLUX_PASSWORD or --influx-password-file.")
    String influxUser;

    @Option(names = "--influx-password-file", paramLabel = "FILE", description = "File holding the InfluxDB password (v1).")
    Path influxPasswordFile;

    @Option(names = "--influx-org", description = "Organisation (v2).")
    String influxOrg;

    @Option(names = "--influx-bucket", description = "Bucket (v2; default: the --influx-db value).")
    String influxBucket;

    @Option(names = "--influx-token-file", paramLabel = "FILE", description = "File holding the API token (v2); or set INFLUX_TOKEN.")
    Path influxTokenFile;

    @Option(names = "--influx-max-retries", defaultValue = "8", paramLabel = "N",
            description = "Retries of a failed write (InfluxDB down, 5xx, 429), with exponential backoff from 200 ms"
                    + " to 10 s; then the write fails: the stream's micro-batch runs again after its query restarts,"
                    + " the batch job exits non-zero (default: ${DEFAULT-VALUE}).")
    int influxMaxRetries;

    /** The configuration, secrets read from the files given or from {@code env}. */
    public InfluxConfig influx(Map<String, String> env) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(InfluxConfig.URL, influxUrl);
        putIfSet(s, InfluxConfig.API, influxApi);
        s.put(InfluxConfig.DATABASE, influxDb);
        putIfSet(s, InfluxConfig.RETENTION_POLICY, influxRetentionPolicy);
        putIfSet(s, InfluxConfig.USER, influxUser);
        putIfSet(s, InfluxConfig.PASSWORD_FILE, influxPasswordFile);
        putIfSet(s, InfluxConfig.ORG, influxOrg);
        putIfSet(s, InfluxConfig.BUCKET, influxBucket);
        putIfSet(s, InfluxConfig.TOKEN_FILE, influxTokenFile);
        s.put(InfluxConfig.MAX_RETRIES, Integer.toString(influxMaxRetries));
        return InfluxConfig.fromMap(s, env);
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value.toString());
        }
    }
}
