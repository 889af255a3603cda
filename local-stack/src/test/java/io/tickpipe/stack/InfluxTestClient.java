package io.tickpipe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** InfluxDB 1.x line-protocol writes and InfluxQL queries. */
final class InfluxTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String database;
    private final String authorization;

    InfluxTestClient(String url, String database) {
        this(url, database, null, null);
    }

    /** Logging in as {@code user} (basic authentication) when it is not null. */
    InfluxTestClient(String url, String database, String user, String password) {
        this.url = url;
        this.database = database;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void write(String lineProtocol) throws Exception {
        HttpResponse<String> response = tryWrite(lineProtocol);
        if (response.statusCode() != 204) {
            throw new AssertionError("write answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The server's answer to a write, whatever it is. */
    HttpResponse<String> tryWrite(String lineProtocol) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/write?db=" + encode(database)))
                .POST(HttpRequest.BodyPublishers.ofString(lineProtocol));
        return http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of the query's first series, each [time, columns...]; empty when nothing matched. */
    JsonNode rows(String influxQl) throws Exception {
        URI uri = URI.create(url + "/query?db=" + encode(database) + "&q=" + encode(influxQl));
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("query answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("results").path(0).path("series").path(0).path("values");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
