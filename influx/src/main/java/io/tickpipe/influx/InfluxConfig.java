package io.tickpipe.influx;

import io.tickpipe.common.SecretFile;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where InfluxDB is, which write API to use, and how to batch and retry. Immutable and
 * {@link Serializable}, so Spark ships it to the executors.
 *
 * <p>Keys of {@link #fromMap(Map)} (environment fallback in brackets):
 * <table>
 * <caption>configuration keys</caption>
 * <tr><td>{@value #URL}</td><td>required [INFLUX_URL]; {@code http(s)://host:port}, no credentials in it</td></tr>
 * <tr><td>{@value #API}</td><td>{@code v1} or {@code v2}; default v2 when a token, org or bucket is
 *     configured, else v1</td></tr>
 * <tr><td>{@value #DATABASE}</td><td>default {@code market}; v1 writes, and InfluxQL queries on every server</td></tr>
 * <tr><td>{@value #RETENTION_POLICY}</td><td>optional, v1</td></tr>
 * <tr><td>{@value #USER}</td><td>optional [INFLUX_USER]; basic auth for v1 and InfluxQL</td></tr>
 * <tr><td>{@value #PASSWORD_FILE}</td><td>a file holding the password [INFLUX_PASSWORD]</td></tr>
 * <tr><td>{@value #ORG}, {@value #BUCKET}</td><td>v2 [INFLUX_ORG, INFLUX_BUCKET]</td></tr>
 * <tr><td>{@value #TOKEN_FILE}</td><td>a file holding the v2 token [INFLUX_TOKEN]</td></tr>
 * <tr><td>{@value #BATCH_SIZE}</td><td>points per request, default 5000</td></tr>
 * <tr><td>{@value #MAX_RETRIES}</td><td>default 8; retries after the first attempt</td></tr>
 * <tr><td>{@value #RETRY_INITIAL_MS}, {@value #RETRY_MAX_MS}</td><td>backoff, default 200 and 10000, jittered</td></tr>
 * <tr><td>{@value #CONNECT_TIMEOUT_MS}, {@value #REQUEST_TIMEOUT_MS}</td><td>default 5000 and 30000</td></tr>
 * </table>
 *
 * <p>Secrets never come from a plain option: {@code influx.token} and {@code influx.password} are
 * refused, because options end up on command lines, in process lists and in Spark's UI. They come
 * from the environment or from a file. For InfluxDB 1.8's v2 endpoint use {@code influx.api=v2},
 * {@code influx.org=-}, {@code influx.bucket=database/retention-policy} and either a token
 * {@code user:password} or a user and password (then sent as that token, as influxdb-client-java's
 * {@code createV1} does). Secrets are serialized with the config to the executors (like any Spark
 * task), but never appear in {@link #toString()}, a log line or an exception message.
 */
public final class InfluxConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InfluxConfig.class);

    public static final String PREFIX = "influx.";
    public static final String URL = "influx.url";
    public static final String API = "influx.api";
    public static final String DATABASE = "influx.db";
    public static final String RETENTION_POLICY = "influx.retention.policy";
    public static final String USER = "influx.user";
    public static final String PASSWORD_FILE = "influx.password.file";
    public static final String ORG = "influx.org";
    public static final String BUCKET = "influx.bucket";
    public static final String TOKEN_FILE = "influx.token.file";
    public static final String BATCH_SIZE = "influx.batch.size";
    public static final String MAX_RETRIES = "influx.max.retries";
    public static final String RETRY_INITIAL_MS = "influx.retry.initial.ms";
    public static final String RETRY_MAX_MS = "influx.retry.max.ms";
    public static final String CONNECT_TIMEOUT_MS = "influx.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "influx.request.timeout.ms";

    public static final String ENV_URL = "INFLUX_URL";
    public static final String ENV_USER = "INFLUX_USER";
    public static final String ENV_PASSWORD = "INFLUX_PASSWORD";
    public static final String ENV_ORG = "INFLUX_ORG";
    public static final String ENV_BUCKET = "INFLUX_BUCKET";
    public static final String ENV_TOKEN = "INFLUX_TOKEN";

    public static final String DEFAULT_DATABASE = "market";
    public static final int DEFAULT_BATCH_SIZE = 5000;
    public static final int DEFAULT_MAX_RETRIES = 8;

    private static final Set<String> REFUSED_SECRET_KEYS = Set.of("influx.token", "influx.password");
    private static final Set<String> KNOWN_KEYS = Set.of(URL, API, DATABASE, RETENTION_POLICY, USER, PASSWORD_FILE,
            ORG, BUCKET, TOKEN_FILE, BATCH_SIZE, MAX_RETRIES, RETRY_INITIAL_MS, RETRY_MAX_MS, CONNECT_TIMEOUT_MS,
            REQUEST_TIMEOUT_MS);

    private final String url;
    private final InfluxApi api;
    private final String database;
    private final String retentionPolicy;
    private final String username;
    private final String password;
    private final String org;
    private final String bucket;
    private final String token;
    private final int batchSize;
    private final int maxRetries;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private InfluxConfig(Builder b, InfluxApi api, String url) {
        this.url = url;
        this.api = api;
        this.database = b.database;
        this.retentionPolicy = b.retentionPolicy;
        this.username = b.username;
        this.password = b.password;
        this.org = b.org;
        this.bucket = b.bucket;
        this.token = b.token;
        this.batchSize = b.batchSize;
        this.maxRetries = b.maxRetries;
        this.retryInitialDelay = b.retryInitialDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    /** A builder for {@code url} with every default; for code and tests (secrets may be set directly there). */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /** A builder holding this configuration's values, to derive a variant (another URL, batch size, ...). */
    public Builder toBuilder() {
        return new Builder().url(url).api(api).database(database).retentionPolicy(retentionPolicy)
                .username(username).password(password).org(org).bucket(bucket).token(token)
                .batchSize(batchSize).maxRetries(maxRetries).retryDelays(retryInitialDelay, retryMaxDelay)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout);
    }

    /** Reads the keys above, falling back to the process environment. */
    public static InfluxConfig fromMap(Map<String, String> options) {
        return fromMap(options, System.getenv());
    }

    /** Reads the keys above, falling back to {@code env} instead of the process environment. */
    public static InfluxConfig fromMap(Map<String, String> options, Map<String, String> env) {
        for (String refused : REFUSED_SECRET_KEYS) {
            if (options.containsKey(refused)) {
                throw new IllegalArgumentException(refused + " is not accepted: a secret in an option shows in command"
                        + " lines, process lists and logs; use " + refused + ".file (a file holding it) or the"
                        + " environment variable " + (refused.endsWith("token") ? ENV_TOKEN : ENV_PASSWORD));
            }
        }
        options.keySet().stream()
                .filter(key -> key.startsWith(PREFIX) && !KNOWN_KEYS.contains(key))
                .forEach(key -> LOG.warn("ignoring unknown InfluxDB option {} (known: {})", key, KNOWN_KEYS));
        Settings s = new Settings(options, env);
        Builder b = new Builder()
                .url(s.option(URL).or(() -> s.env(ENV_URL)).orElse(null))
                .database(s.option(DATABASE).orElse(DEFAULT_DATABASE))
                .retentionPolicy(s.option(RETENTION_POLICY).orElse(null))
                .username(s.option(USER).or(() -> s.env(ENV_USER)).orElse(null))
                .password(s.secret(PASSWORD_FILE, ENV_PASSWORD).orElse(null))
                .org(s.option(ORG).or(() -> s.env(ENV_ORG)).orElse(null))
                .bucket(s.option(BUCKET).or(() -> s.env(ENV_BUCKET)).orElse(null))
                .token(s.secret(TOKEN_FILE, ENV_TOKEN).orElse(null))
                .batchSize((int) s.number(BATCH_SIZE, DEFAULT_BATCH_SIZE))
                .maxRetries((int) s.number(MAX_RETRIES, DEFAULT_MAX_RETRIES))
                .retryDelays(Duration.ofMillis(s.number(RETRY_INITIAL_MS, 200)),
                        Duration.ofMillis(s.number(RETRY_MAX_MS, 10_000)))
                .connectTimeout(Duration.ofMillis(s.number(CONNECT_TIMEOUT_MS, 5_000)))
                .requestTimeout(Duration.ofMillis(s.number(REQUEST_TIMEOUT_MS, 30_000)));
        s.option(API).ifPresent(value -> b.api(parseApi(value)));
        return b.build();
    }

    private static InfluxApi parseApi(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "v1" -> InfluxApi.V1;
            case "v2" -> InfluxApi.V2;
            default -> throw new IllegalArgumentException(API + " must be v1 or v2, got '" + value + "'");
        };
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8086}. */
    public String url() {
        return url;
    }

    public InfluxApi api() {
        return api;
    }

    public String database() {
        return database;
    }

    public Optional<String> retentionPolicy() {
        return Optional.ofNullable(retentionPolicy);
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public boolean hasPassword() {
        return password != null;
    }

    public Optional<String> org() {
        return Optional.ofNullable(org);
    }

    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    public boolean hasToken() {
        return token != null;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryInitialDelay() {
        return retryInitialDelay;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The token the v2 client sends: the configured one, or InfluxDB 1.8's {@code user:password}. */
    String v2Token() {
        return token != null ? token : username + ":" + password;
    }

    /** The {@code Authorization} header for /write and /query, if credentials are configured. */
    Optional<String> authorization() {
        if (api == InfluxApi.V2) {
            return Optional.of("Token " + v2Token());
        }
        if (username == null) {
            return Optional.empty();
        }
        String userInfo = username + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "InfluxConfig{url=" + url + ", api=" + api + ", database=" + database
                + (retentionPolicy == null ? "" : ", retentionPolicy=" + retentionPolicy)
                + (username == null ? "" : ", user=" + username)
                + ", password=" + (password == null ? "none" : "<redacted>")
                + (org == null ? "" : ", org=" + org)
                + (bucket == null ? "" : ", bucket=" + bucket)
                + ", token=" + (token == null ? "none" : "<redacted>")
                + ", batchSize=" + batchSize + ", maxRetries=" + maxRetries
                + ", retryDelay=" + retryInitialDelay.toMillis() + ".." + retryMaxDelay.toMillis() + "ms"
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, requestTimeout=" + requestTimeout.toMillis()
                + "ms}";
    }

    /** Collects values; {@link #build()} validates them and fills the api's default. */
    public static final class Builder {
        private String url;
        private InfluxApi api;
        private String database = DEFAULT_DATABASE;
        private String retentionPolicy;
        private String username;
        private String password;
        private String org;
        private String bucket;
        private String token;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryInitialDelay = Duration.ofMillis(200);
        private Duration retryMaxDelay = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Null: v2 when a token, org or bucket is set, else v1. */
        public Builder api(InfluxApi api) {
            this.api = api;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder retentionPolicy(String retentionPolicy) {
            this.retentionPolicy = blankToNull(retentionPolicy);
            return this;
        }

        public Builder username(String username) {
            this.username = blankToNull(username);
            return this;
        }

        public Builder password(String password) {
            this.password = blankToNull(password);
            return this;
        }

        public Builder org(String org) {
            this.org = blankToNull(org);
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = blankToNull(bucket);
            return this;
        }

        public Builder token(String token) {
            this.token = blankToNull(token);
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Backoff before the first retry, and its cap; each retry doubles it, jittered. */
        public Builder retryDelays(Duration initial, Duration max) {
            this.retryInitialDelay = initial;
            this.retryMaxDelay = max;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is missing or wrong */
        public InfluxConfig build() {
            String base = validUrl(url);
            InfluxApi chosen = api != null ? api
                    : token != null || org != null || bucket != null ? InfluxApi.V2 : InfluxApi.V1;
            require(database != null && !database.isBlank(), DATABASE + " must not be blank");
            require(password == null || username != null, "a password (" + ENV_PASSWORD + " or " + PASSWORD_FILE
                    + ") needs a user: " + USER + " or " + ENV_USER);
            if (chosen == InfluxApi.V2) {
                require(org != null, API + "=v2 needs " + ORG + " (or " + ENV_ORG + "; InfluxDB 1.8 ignores it: use '-')");
                require(bucket != null, API + "=v2 needs " + BUCKET + " (or " + ENV_BUCKET
                        + "; InfluxDB 1.8: database/retention-policy)");
                require(token != null || (username != null && password != null), API + "=v2 needs a token: "
                        + ENV_TOKEN + " or " + TOKEN_FILE + " (InfluxDB 1.8: a user and password)");
            } else {
                require(username == null || password != null, USER + " needs a password: " + ENV_PASSWORD
                        + " or " + PASSWORD_FILE);
            }
            require(batchSize >= 1, BATCH_SIZE + " must be at least 1, got " + batchSize);
            require(maxRetries >= 0, MAX_RETRIES + " must not be negative, got " + maxRetries);
            require(positive(retryInitialDelay), RETRY_INITIAL_MS + " must be positive");
            require(positive(retryMaxDelay) && retryMaxDelay.compareTo(retryInitialDelay) >= 0,
                    RETRY_MAX_MS + " must be at least " + RETRY_INITIAL_MS);
            require(positive(connectTimeout), CONNECT_TIMEOUT_MS + " must be positive");
            require(positive(requestTimeout), REQUEST_TIMEOUT_MS + " must be positive");
            return new InfluxConfig(this, chosen, base);
        }

        private static String validUrl(String raw) {
            require(raw != null && !raw.isBlank(), URL + " is required (or " + ENV_URL + ")");
            String trimmed = raw.trim();
            String stripped = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            URI uri;
            try {
                uri = URI.create(stripped);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(URL + " is not a URL: '" + redactUserInfo(raw) + "'");
            }
            require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    URL + " must be an http(s) URL with a host, got '" + redactUserInfo(raw) + "'");
            // Credentials in the URL would travel into every message that names the server.
            require(uri.getRawUserInfo() == null, URL + " must not contain credentials; use " + USER + "/"
                    + ENV_PASSWORD + " or " + ENV_TOKEN + ", got '" + redactUserInfo(raw) + "'");
            require(uri.getRawQuery() == null && uri.getRawFragment() == null,
                    URL + " must not have a query or fragment, got '" + redactUserInfo(raw) + "'");
            return stripped;
        }

        private static String redactUserInfo(String raw) {
            return raw.replaceAll("//[^/@]*@", "//***@");
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** The option map and environment, with the reading rules (trimmed, blank = absent, files for secrets). */
    private record Settings(Map<String, String> options, Map<String, String> env) {

        Optional<String> option(String key) {
            return present(options.get(key));
        }

        Optional<String> env(String name) {
            return present(env.get(name));
        }

        /** The file named by {@code fileKey} wins over the environment variable. */
        Optional<String> secret(String fileKey, String envName) {
            Optional<String> file = option(fileKey);
            if (file.isEmpty()) {
                // Secrets are taken as they are: a password may legitimately start or end with a space.
                return Optional.ofNullable(env.get(envName)).filter(value -> !value.isEmpty());
            }
            String content = SecretFile.read(fileKey, file.get());
            if (content.isEmpty()) {
                throw new IllegalArgumentException(fileKey + " '" + file.get() + "' is empty");
            }
            return Optional.of(content);
        }

        long number(String key, long fallback) {
            Optional<String> value = option(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                return Long.parseLong(value.get());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, got '" + value.get() + "'", e);
            }
        }

        private static Optional<String> present(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }
    }
}
