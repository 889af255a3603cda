package io.tickpipe.influx.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP server on 127.0.0.1 that records every request and answers from a script: the given
 * replies in turn, then {@code otherwise} for the rest. A reply can forward the request to a real
 * server, which makes it a counting or failure-injecting proxy in front of InfluxDB.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst();
        }

        public Map<String, String> queryParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = uri.getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            return parameters;
        }

        private static String decode(String value) {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    public interface Reply {
        void answer(Request request, HttpExchange exchange) throws IOException;
    }

    private static final HttpClient FORWARDER = HttpClient.newHttpClient();

    private final HttpServer server;
    private final Deque<Reply> script;
    private final Reply otherwise;
    private final List<Request> requests = new ArrayList<>();

    private ScriptedHttpServer(Reply otherwise, List<Reply> first) throws IOException {
        this.script = new ArrayDeque<>(first);
        this.otherwise = otherwise;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers with {@code first} in turn, then always with {@code otherwise}. */
    public static ScriptedHttpServer start(Reply otherwise, Reply... first) {
        try {
            return new ScriptedHttpServer(otherwise, List.of(first));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reply status(int status, String body) {
        return (request, exchange) -> respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Passes the request on to {@code baseUrl} (same method, path, query, body, auth) and its answer back. */
    public static Reply forwardTo(String baseUrl) {
        return (request, exchange) -> {
            HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(baseUrl + request.uri()))
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
            request.header("Content-Type").ifPresent(value -> forwarded.header("Content-Type", value));
            request.header("Authorization").ifPresent(value -> forwarded.header("Authorization", value));
            try {
                HttpResponse<byte[]> response = FORWARDER.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
                respond(exchange, response.statusCode(), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            Reply reply;
            synchronized (this) {
                requests.add(request);
                reply = script.isEmpty() ? otherwise : script.poll();
            }
            reply.answer(request, exchange);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean empty = body.length == 0 || status == 204;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
