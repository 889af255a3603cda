package io.tickpipe.producer.source;

import io.tickpipe.market.Trade;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Trades from Finnhub's websocket: subscribes to each symbol, maps every print to a Trade, and on a
 * dropped connection reconnects with exponential backoff and subscribes again. A malformed message
 * is reported and counted, never fatal. The token travels only in the connection URL, which is
 * never printed.
 */
public final class FinnhubSource implements EventSource {
    public static final URI DEFAULT_ENDPOINT = URI.create("wss://ws.finnhub.io");
    private static final String FEED_CODE = "FINNHUB";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** Finnhub pings idle connections: this long without any message means the link is dead (no FIN ever came). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);

    private final URI endpoint;
    private final URI withToken;
    private final String token;
    private final List<String> symbols;
    private final PrintWriter err;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<FinnhubMessages.Print> prints = new LinkedBlockingQueue<>(100_000);
    private final Map<String, Long> sequences = new HashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Duration idleTimeout;
    private volatile long lastMessageNanos;
    private final Thread connector;
    private volatile boolean closed;
    private volatile WebSocket socket;

    public FinnhubSource(URI endpoint, String token, List<String> symbols, PrintWriter err) {
        this(endpoint, token, symbols, err, DEFAULT_IDLE_TIMEOUT);
    }

    FinnhubSource(URI endpoint, String token, List<String> symbols, PrintWriter err, Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        this.endpoint = endpoint;
        this.token = token;
        this.withToken = URI.create(endpoint + (endpoint.getQuery() == null ? "?" : "&") + "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        this.symbols = List.copyOf(symbols);
        this.err = err;
        this.connector = new Thread(this::connectLoop, "finnhub-connector");
        connector.setDaemon(true);
        connector.start();
    }

    @Override
    public SpecificRecord next() throws InterruptedException {
        FinnhubMessages.Print print = prints.take();
        long sequence = sequences.merge(print.symbol(), 1L, Long::sum) - 1;
        return Trade.newBuilder()
                .setSymbol(print.symbol())
                .setPrice(print.price())
                .setSize(print.volume())
                .setEventTime(print.time())
                // Finnhub's prints carry no id: the per-symbol sequence makes one.
                .setTradeId(print.symbol() + "-" + sequence)
                .setExchange(FEED_CODE)
                .setConditions(print.conditions())
                .setSequence(sequence)
                .setCurrency("USD")
                .build();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long malformedMessages() {
        return malformed.get();
    }

    @Override
    public String summary() {
        return "finnhub: " + messages.get() + " messages, " + malformed.get() + " malformed (each reported above), "
                + reconnects.get() + " reconnects";
    }

    private void connectLoop() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            CompletableFuture<String> ended = new CompletableFuture<>();
            try {
                socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(withToken, new Listener(ended)).get(15, TimeUnit.SECONDS);
                for (String symbol : symbols) {
                    socket.sendText(FinnhubMessages.subscribe(symbol), true).get(10, TimeUnit.SECONDS);
                }
                say("connected to " + endpoint + ", subscribed to " + symbols.size() + " symbols");
                retry = FIRST_RETRY;
                String why = awaitEnd(ended);
                if (closed) {
                    return;
                }
                say("connection lost (" + why + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                say("cannot connect to " + endpoint + ": " + rootCause(e));
            }
            long delay = retry.toMillis() / 2 + ThreadLocalRandom.current().nextLong(retry.toMillis() / 2 + 1);
            say(String.format("reconnecting in %.1f s", delay / 1000.0));
            reconnects.incrementAndGet();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    /** Waits until the connection ends, or aborts it when it has been silent for longer than the idle timeout. */
    private String awaitEnd(CompletableFuture<String> ended) throws InterruptedException, java.util.concurrent.ExecutionException {
        lastMessageNanos = System.nanoTime();
        while (true) {
            try {
                return ended.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                long silentNanos = System.nanoTime() - lastMessageNanos;
                if (closed) {
                    return "closed";
                }
                if (silentNanos > idleTimeout.toNanos()) {
                    socket.abort();
                    return "no message for " + idleTimeout.toSeconds() + " s";
                }
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<String> ended;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<String> ended) {
            this.ended = ended;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("closed by the server, status " + statusCode + (reason.isEmpty() ? "" : ": " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete(rootCause(error));
        }
    }

    private void handle(String text) {
        lastMessageNanos = System.nanoTime();
        messages.incrementAndGet();
        try {
            FinnhubMessages.Message message = FinnhubMessages.parse(text);
            if (message instanceof FinnhubMessages.Trades trades) {
                for (FinnhubMessages.Print print : trades.prints()) {
                    // Backpressure: the websocket's reader waits while Kafka catches up.
                    prints.put(print);
                }
            } else if (message instanceof FinnhubMessages.Error error) {
                say("server error: " + error.message());
            }
        } catch (FinnhubMessages.Malformed e) {
            malformed.incrementAndGet();
            say("malformed message skipped (" + e.getMessage() + "): " + abbreviate(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void say(String line) {
        // Library messages may quote the URL: the token never reaches the terminal.
        err.println("finnhub: " + line.replace(token, "***").replace(URLEncoder.encode(token, StandardCharsets.UTF_8), "***"));
        err.flush();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        connector.interrupt();
    }
}
