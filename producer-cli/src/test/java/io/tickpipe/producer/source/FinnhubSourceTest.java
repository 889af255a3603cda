package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Finnhub source against a local server speaking Finnhub's format, malformed messages and a dropped connection included. */
class FinnhubSourceTest {
    static final String SUBSCRIBE_AAPL = "{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}";
    static final String SUBSCRIBE_MSFT = "{\"type\":\"subscribe\",\"symbol\":\"MSFT\"}";

    static List<List<String>> script() {
        return List.of(
                List.of(
                        "{\"type\":\"ping\"}",
                        "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":190.25,\"t\":1767623400123,\"v\":100,\"c\":[\"1\",\"12\"]},"
                                + "{\"s\":\"MSFT\",\"p\":401.5,\"t\":1767623400124,\"v\":0.5}]}",
                        "this is not json",
                        "{\"type\":\"trade\"}",
                        "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":\"abc\",\"t\":1767623400125,\"v\":1}]}",
                        "{\"type\":\"news\",\"data\":[]}",
                        FinnhubProtocolServer.DROP),
                List.of(
                        "{\"type\":\"error\",\"msg\":\"slow down\"}",
                        "{\"type\":\"trade\",\"data\":[{\"s\":\"aapl\",\"p\":190.3,\"t\":1767623401000,\"v\":200,\"c\":null}]}"));
    }

    @Test
    void mapsTradesSkipsMalformedMessagesAndResubscribesAfterADrop() throws Exception {
        FinnhubProtocolServer server = new FinnhubProtocolServer(2, script());
        StringWriter err = new StringWriter();
        // The drop is noticed as a lost connection, not through the idle timeout: one long enough that
        // a busy machine never takes a slow connection for a silent one.
        FinnhubSource source = new FinnhubSource(URI.create(server.url()), "s3cret-token", List.of("AAPL", "MSFT"),
                new PrintWriter(err, true), Duration.ofSeconds(30));
        List<Trade> trades = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                trades.add((Trade) source.next());
            }
        } finally {
            source.close();
            server.shutdown();
        }

        assertThat(trades.get(0)).isEqualTo(Trade.newBuilder().setSymbol("AAPL").setPrice(190.25).setSize(100)
                .setEventTime(Instant.ofEpochMilli(1767623400123L)).setTradeId("AAPL-0").setExchange("FINNHUB")
                .setConditions(List.of("1", "12")).setSequence(0).setCurrency("USD").build());
        assertThat(trades.get(1)).extracting(Trade::getSymbol, Trade::getSize, Trade::getSequence, Trade::getConditions)
                .containsExactly("MSFT", 0.5, 0L, List.of());
        assertThat(trades.get(2)).extracting(Trade::getSymbol, Trade::getPrice, Trade::getSequence)
                .containsExactly("AAPL", 190.3, 1L);

        assertThat(server.subscriptions).hasSize(2).allSatisfy(s -> assertThat(s).containsExactly(SUBSCRIBE_AAPL, SUBSCRIBE_MSFT));
        assertThat(server.resourceDescriptors).allSatisfy(d -> assertThat(d).isEqualTo("/?token=s3cret-token"));
        assertThat(source.reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(source.malformedMessages()).isEqualTo(4);
        assertThat(err.toString())
                .contains("finnhub: malformed message skipped (not JSON")
                .contains("finnhub: malformed message skipped (trade message without a 'data' array)")
                .contains("finnhub: malformed message skipped (data[0]: 'p' is not a positive number)")
                .contains("finnhub: malformed message skipped (unknown message type 'news')")
                .contains("finnhub: server error: slow down")
                .contains("finnhub: connection lost")
                .contains("finnhub: reconnecting in")
                .doesNotContain("s3cret-token");
    }

    @Test
    void aSilentConnectionIsTakenForDeadAndReplaced() throws Exception {
        String trade = "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":1.5,\"t\":1767623400123,\"v\":3}]}";
        FinnhubProtocolServer server = new FinnhubProtocolServer(1, List.of(List.of(), List.of(trade)));
        StringWriter err = new StringWriter();
        FinnhubSource source = new FinnhubSource(URI.create(server.url()), "c4l9token", List.of("AAPL"), new PrintWriter(err, true),
                Duration.ofSeconds(1));
        try {
            assertThat(((Trade) source.next()).getPrice()).isEqualTo(1.5);
        } finally {
            source.close();
            server.shutdown();
        }
        // At least the silent connection and its replacement (a slow machine may need one more).
        assertThat(server.subscriptions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(err.toString()).contains("finnhub: connection lost (no message for 1 s)");
    }
}
