package io.tickpipe.wire.registry;

import io.tickpipe.common.SecretFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the registry is and how to talk to it, read from Confluent's configuration keys so that a
 * configuration written for Confluent's client works unchanged.
 *
 * <p>Credentials: {@code basic.auth.user.info} ({@code user:password}), or the file named by
 * {@code basic.auth.user.info.file}, or the environment variable
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}; with {@code basic.auth.credentials.source=URL} the
 * user info of the URL. They are kept only as the ready Authorization header and never appear in
 * {@link #toString()} or any message.
 */
public final class RegistryConfig {
    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String USER_INFO_FILE = "basic.auth.user.info.file";
    public static final String USER_INFO_ENV = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRetries;
    private final Duration retryWait;
    private final Duration retryMaxWait;

    private RegistryConfig(List<URI> baseUrls, Optional<String> authorization, Duration connectTimeout,
                           Duration readTimeout, int maxRetries, Duration retryWait, Duration retryMaxWait) {
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxRetries = maxRetries;
        this.retryWait = retryWait;
        this.retryMaxWait = retryMaxWait;
    }

    /** A configuration for one URL with default timeouts and retries and credentials from the environment. */
    public static RegistryConfig of(String url) {
        return from(Map.of(URL, url));
    }

    public static RegistryConfig from(Map<String, ?> configs) {
        return from(configs, System::getenv);
    }

    static RegistryConfig from(Map<String, ?> configs, Function<String, String> env) {
        String urls = string(configs, URL).orElseThrow(
                () -> new IllegalArgumentException("missing required configuration '" + URL + "'"));
        String source = string(configs, CREDENTIALS_SOURCE).orElse("USER_INFO").trim().toUpperCase();
        List<URI> baseUrls = new ArrayList<>();
        Optional<String> userInfo = Optional.empty();
        for (String raw : urls.split(",")) {
            URI uri = parseUrl(raw.trim());
            if (uri.getRawUserInfo() != null) {
                if ("URL".equals(source) && userInfo.isEmpty()) {
                    userInfo = Optional.of(java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8));
                }
                uri = withoutUserInfo(uri);
            }
            baseUrls.add(uri);
        }
        switch (source) {
            case "URL" -> { }
            case "USER_INFO" -> userInfo = userInfo(configs, env);
            default -> throw new IllegalArgumentException(CREDENTIALS_SOURCE + " '" + source
                    + "' is not supported; use USER_INFO or URL");
        }
        Optional<String> authorization = userInfo.map(RegistryConfig::basicAuthorization);
        return new RegistryConfig(baseUrls, authorization,
                Duration.ofMillis(number(configs, CONNECT_TIMEOUT_MS, 5_000)),
                Duration.ofMillis(number(configs, READ_TIMEOUT_MS, 10_000)),
                (int) number(configs, MAX_RETRIES, 5),
                Duration.ofMillis(number(configs, RETRIES_WAIT_MS, 200)),
                Duration.ofMillis(number(configs, RETRIES_MAX_WAIT_MS, 5_000)));
    }

    private static Optional<String> userInfo(Map<String, ?> configs, Function<String, String> env) {
        Optional<String> inline = string(configs, USER_INFO);
        if (inline.isPresent()) {
            return inline;
        }
        Optional<String> file = string(configs, USER_INFO_FILE);
        if (file.isPresent()) {
            return Optional.of(SecretFile.read(USER_INFO_FILE, file.get()));
        }
        return Optional.ofNullable(env.apply(USER_INFO_ENV)).filter(s -> !s.isBlank());
    }

    private static String basicAuthorization(String userInfo) {
        if (!userInfo.contains(":")) {
            throw new IllegalArgumentException("registry credentials must have the form user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static URI parseUrl(String raw) {
        URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(URL + " must be an http(s) URL, got '" + redact(raw) + "'");
        }
        return uri;
    }

    private static URI withoutUserInfo(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    private static String redact(String raw) {
        return raw.replaceAll("//[^/@]*@", "//***@");
    }

    private static Optional<String> string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static long number(Map<String, ?> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a non-negative whole number, got '" + value + "'", e);
        }
    }

    public List<URI> baseUrls() {
        return baseUrls;
    }

    /** The {@code Authorization} header value, if credentials were configured. */
    Optional<String> authorization() {
        return authorization;
    }

    public boolean hasCredentials() {
        return authorization.isPresent();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryWait() {
        return retryWait;
    }

    public Duration retryMaxWait() {
        return retryMaxWait;
    }

    /** Identity for the per-JVM client cache: same URLs and same credentials share one client. */
    String cacheKey() {
        return baseUrls + "|" + authorization.map(a -> Integer.toHexString(a.hashCode())).orElse("-");
    }

    @Override
    public String toString() {
        return "RegistryConfig{urls=" + baseUrls + ", credentials=" + (hasCredentials() ? "<redacted>" : "none")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetries=" + maxRetries + "}";
    }
}
