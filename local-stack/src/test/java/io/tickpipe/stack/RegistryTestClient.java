package io.tickpipe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The Confluent Schema Registry REST calls a serializer makes, against the ccompat v7 API. */
final class RegistryTestClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    RegistryTestClient(String url) {
        this.url = url;
    }

    /** Registers an Avro schema under the subject; returns its global id. */
    int register(String subject, String avroSchema) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", avroSchema));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return call(request).get("id").asInt();
    }

    /** The schema text stored under a global id. */
    String schema(int id) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + id)).build()).get("schema").asText();
    }

    JsonNode subjects() throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + "/subjects")).build());
    }

    private JsonNode call(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(request + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
