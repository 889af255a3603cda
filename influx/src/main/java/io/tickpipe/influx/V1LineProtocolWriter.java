package io.tickpipe.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Line protocol to InfluxDB 1.x's {@code POST /write?db=..&rp=..&precision=ns}, which every 1.x
 * server has (1.8+ and 2.x also have the v2 API: {@link V2PointWriter}). Credentials, when
 * configured, go in a basic {@code Authorization} header, never in the URL.
 */
public final class V1LineProtocolWriter extends BatchedPointWriter {
    // One client (and so one connection pool) per JVM and connect timeout: Spark opens a writer per
    // partition per micro-batch, and a new client each time would open a new connection each time.
    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final String target;

    public V1LineProtocolWriter(InfluxConfig config) {
        super(config);
        this.http = CLIENTS.computeIfAbsent(config.connectTimeout(),
                timeout -> HttpClient.newBuilder().connectTimeout(timeout).build());
        this.endpoint = URI.create(config.url() + "/write?db=" + encode(config.database())
                + config.retentionPolicy().map(rp -> "&rp=" + encode(rp)).orElse("") + "&precision=ns");
        this.authorization = config.authorization();
        this.requestTimeout = config.requestTimeout();
        this.target = config.url() + "/write (database " + config.database()
                + config.retentionPolicy().map(rp -> ", retention policy " + rp).orElse("") + ")";
    }

    @Override
    void send(byte[] body, int offset, int length) throws RetryPolicy.Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body, offset, length));
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw RetryPolicy.Failure.noAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RetryPolicy.Failure.interrupted(e);
        }
        if (response.statusCode() / 100 != 2) {
            throw RetryPolicy.Failure.answered(response.statusCode(), ServerErrorText.of(response.body()));
        }
    }

    @Override
    String target() {
        return target;
    }

    @Override
    public void close() {
        // The client is shared (and java.net.http.HttpClient of Java 17 has nothing to close).
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
