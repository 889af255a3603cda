package io.tickpipe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** InfluxDB 1.x line-protocol writes and InfluxQL queries. */
final class InfluxTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String database;

    InfluxTestClient(String url, String database) {
        this.url = url;
        this.database = database;
    }

    void write(String lineProtocol) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/write?db=" + encode(database)))
                .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new AssertionError("write answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The rows of the query's first series, each [time, columns...]; empty when nothing matched. */
    JsonNode rows(String influxQl) throws Exception {
        URI uri = URI.create(url + "/query?db=" + encode(database) + "&q=" + encode(influxQl));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("query answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("results").path(0).path("series").path(0).path("values");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
