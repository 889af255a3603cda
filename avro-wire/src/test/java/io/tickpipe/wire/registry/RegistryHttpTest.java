package io.tickpipe.wire.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's failure policy against a real HTTP server that answers what a failing registry
 * would: 5xx bursts, error bodies, a closed port. (The happy path runs against Apicurio in the ITs.)
 */
class RegistryHttpTest {
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}";

    private record Reply(int status, String body) {
    }

    private HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Reply reply;
            synchronized (replies) {
                reply = replies.isEmpty() ? new Reply(500, "no reply queued") : replies.poll();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SchemaRegistryClient client(Map<String, Object> extra) {
        var configs = new java.util.HashMap<String, Object>(Map.of(
                RegistryConfig.URL, "http://127.0.0.1:" + server.getAddress().getPort(),
                RegistryConfig.RETRIES_WAIT_MS, 1, RegistryConfig.RETRIES_MAX_WAIT_MS, 4));
        configs.putAll(extra);
        return new SchemaRegistryClient(RegistryConfig.from(configs, name -> null));
    }

    private void queue(int status, String body) {
        replies.add(new Reply(status, body));
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        queue(503, "unavailable");
        queue(502, "bad gateway");
        queue(200, "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(SCHEMA) + "}");
        Schema schema = client(Map.of(RegistryConfig.MAX_RETRIES, 3)).schemaById(7);
        assertThat(schema.getName()).isEqualTo("R");
        assertThat(requests).containsExactly("GET /schemas/ids/7", "GET /schemas/ids/7", "GET /schemas/ids/7");
    }

    @Test
    void givesUpAfterMaxRetriesAsUnavailable() {
        for (int i = 0; i < 5; i++) {
            queue(503, "still down");
        }
        assertThatThrownBy(() -> client(Map.of(RegistryConfig.MAX_RETRIES, 2)).schemaById(7))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 503");
        assertThat(requests).hasSize(3);
    }

    @Test
    void connectionRefusedIsRetriedThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var client = new SchemaRegistryClient(RegistryConfig.from(Map.of(RegistryConfig.URL, "http://127.0.0.1:" + closedPort,
                RegistryConfig.MAX_RETRIES, 2, RegistryConfig.RETRIES_WAIT_MS, 1), name -> null));
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void clientErrorsAreNotRetriedAndCarryTheRegistryErrorCode() {
        queue(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
        assertThatThrownBy(() -> client(Map.of()).schemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                })
                .hasMessageContaining("Schema 99 not found");
        assertThat(requests).hasSize(1);
    }

    @Test
    void conflictOnRegisterIsATypedErrorNamingTheSubject() {
        queue(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        assertThatThrownBy(() -> client(Map.of()).register("market.trades-value", new Schema.Parser().parse(SCHEMA)))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class,
                        e -> assertThat(e.subject()).isEqualTo("market.trades-value"))
                .hasMessageContaining("'market.trades-value'");
    }

    @Test
    void fetchesAnIdOnceAndRegistersOnce() {
        queue(200, "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(SCHEMA) + "}");
        queue(200, "{\"id\":12}");
        var client = client(Map.of());
        client.schemaById(3);
        client.schemaById(3);
        Schema other = new Schema.Parser().parse(SCHEMA.replace("\"R\"", "\"S\""));
        assertThat(client.register("s-value", other)).isEqualTo(12);
        assertThat(client.register("s-value", other)).isEqualTo(12);
        // The registered schema is known by id too, without asking.
        assertThat(client.schemaById(12)).isEqualTo(other);
        assertThat(requests).containsExactly("GET /schemas/ids/3", "POST /subjects/s-value/versions");
    }

    @Test
    void sendsBasicAuthWithoutEverPrintingIt() {
        queue(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
        assertThatThrownBy(() -> client(Map.of(RegistryConfig.USER_INFO, "alice:hunter2")).subjects())
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("YWxpY2U6aHVudGVyMg");
        assertThat(authorizations).containsExactly("Basic YWxpY2U6aHVudGVyMg==");
    }
}
