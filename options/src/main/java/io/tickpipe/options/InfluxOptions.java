package io.tickpipe.options;

import io.tickpipe.influx.InfluxConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The InfluxDB connection options of every command that talks to InfluxDB (the Spark jobs, {@code
 * tickpipe watch}), as a picocli mixin: one set of names, defaults and secrets rules. Secrets are
 * never options: {@code INFLUX_PASSWORD} / {@code INFLUX_TOKEN} or the {@code *-file} options.
 */
public final class InfluxOptions {

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", paramLabel = "URL",
            description = "InfluxDB base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--influx-api", paramLabel = "v1|v2",
            description = "v2: the v2 API (InfluxDB 2.x/3.x, and 1.8+); v1: /write and /query only (InfluxDB < 1.8)."
                    + " Default: v2 when an org, bucket or token is configured, else v1.")
    String api;

    @Option(names = "--influx-db", defaultValue = InfluxConfig.DEFAULT_DATABASE, paramLabel = "DB",
            description = "Database (v1; InfluxQL queries on every version) (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--influx-retention-policy", paramLabel = "RP", description = "Retention policy (v1).")
    String retentionPolicy;

    @Option(names = "--influx-user", paramLabel = "USER", description = "User (v1); the password comes from INFLUX_PASSWORD or --influx-password-file.")
    String user;

    @Option(names = "--influx-password-file", paramLabel = "FILE", description = "File holding the InfluxDB password (v1).")
    Path passwordFile;

    @Option(names = "--influx-org", paramLabel = "ORG", description = "Organisation (v2).")
    String org;

    @Option(names = "--influx-bucket", paramLabel = "BUCKET", description = "Bucket (v2; InfluxDB 1.8: database/retention-policy).")
    String bucket;

    @Option(names = "--influx-token-file", paramLabel = "FILE", description = "File holding the API token (v2); or set INFLUX_TOKEN.")
    Path tokenFile;

    /** The options as {@link InfluxConfig#fromMap} keys; unset ones left out, so the environment can fill them. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(InfluxConfig.URL, url);
        putIfSet(s, InfluxConfig.API, api);
        s.put(InfluxConfig.DATABASE, database);
        putIfSet(s, InfluxConfig.RETENTION_POLICY, retentionPolicy);
        putIfSet(s, InfluxConfig.USER, user);
        putIfSet(s, InfluxConfig.PASSWORD_FILE, passwordFile);
        putIfSet(s, InfluxConfig.ORG, org);
        putIfSet(s, InfluxConfig.BUCKET, bucket);
        putIfSet(s, InfluxConfig.TOKEN_FILE, tokenFile);
        return s;
    }

    /** The configuration these options and {@code env} give; {@code IllegalArgumentException} naming what is wrong. */
    public InfluxConfig config(Map<String, String> env) {
        return InfluxConfig.fromMap(settings(), env);
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value.toString());
        }
    }
}
