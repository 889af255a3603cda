package io.tickpipe.wire.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to the registry, with the failure policy in one place: connection failures,
 * timeouts and 5xx answers are retried with exponential backoff and jitter (logged, without
 * credentials), 4xx answers are turned into {@link SchemaRegistryException}s at once.
 */
final class RegistryHttp {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryConfig config;
    private final HttpClient http;

    RegistryHttp(RegistryConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        int attempts = config.maxRetries() + 1;
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            // Several URLs are replicas of one registry: move on to the next one after a failure.
            URI base = config.baseUrls().get((attempt - 1) % config.baseUrls().size());
            URI uri = URI.create(base + path);
            try {
                HttpResponse<String> response = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    return RegistryAnswers.json(response.body());
                }
                if (status < 500) {
                    throw RegistryAnswers.clientError(method, path, status, response.body());
                }
                lastFailure = new IOException("HTTP " + status + ": " + RegistryAnswers.abbreviate(response.body()));
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling schema registry " + uri, e);
            }
            if (attempt < attempts) {
                long delay = backoffMillis(attempt);
                LOG.warn("schema registry {} {}: {} (attempt {}/{}), retrying in {} ms",
                        method, uri, describe(lastFailure), attempt, attempts, delay);
                sleep(delay);
            }
        }
        throw new RegistryUnavailableException("schema registry " + method + " " + config.baseUrls() + path
                + " failed after " + attempts + " attempts: " + describe(lastFailure), lastFailure);
    }

    private HttpRequest request(String method, URI uri, JsonNode body) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        config.authorization().ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(RegistryAnswers.JSON.writeValueAsString(body)))
                .build();
    }

    private long backoffMillis(int attempt) {
        long base = config.retryWait().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.retryMaxWait().toMillis());
        // Jitter keeps many executors from hammering a recovering registry in lockstep.
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while waiting to retry the schema registry", e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
