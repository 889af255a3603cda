package io.tickpipe.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {
    private static final String TRADES = String.join("\r\n",
            "symbol,size,event_time,price,trade_id,conditions,currency",
            "",
            "msft,10,2026-01-05T14:30:00.000001Z,400.1,t1,@;I,",
            "MSFT,10,2026-01-05T14:30:00.000002Z,0,t2,,",
            "",
            "MSFT,5,2026-01-05T14:30:00.000003+01:00,400.2,,,EUR",
            "");

    /** Each line read: its physical number, and the event or the reason it is bad. */
    private static List<String> read(ReplayFile file) throws IOException {
        List<String> read = new ArrayList<>();
        try (file) {
            for (CsvLine line = file.next(); line != null; line = file.next()) {
                try {
                    ReplayFile.Line parsed = file.parse(line);
                    assertThat(parsed.number()).isEqualTo(line.number());
                    read.add(line.number() + " " + parsed.event());
                } catch (BadLineException e) {
                    read.add(line.number() + " bad: " + e.getMessage() + " [" + line.text() + "]");
                }
            }
        }
        return read;
    }

    @Test
    void aNamedGzipStreamReadsAsTheFileOfThatName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trades.csv.gz");
        Files.write(file, CsvLineReaderTest.gzip(TRADES.getBytes(StandardCharsets.UTF_8)));
        List<String> fromPath = read(ReplayFile.open(file));
        List<String> fromStream = read(new ReplayFile("s3a://bucket/trades.csv.gz", Files.newInputStream(file)));

        assertThat(fromStream).isEqualTo(fromPath);
        Trade first = Trade.newBuilder().setSymbol("MSFT").setPrice(400.1).setSize(10)
                .setEventTime(Instant.parse("2026-01-05T14:30:00.000001Z")).setTradeId("t1").setExchange("")
                .setConditions(List.of("@", "I")).setSequence(-1).setCurrency("USD").build();
        Trade third = Trade.newBuilder(first).setPrice(400.2).setSize(5)
                .setEventTime(Instant.parse("2026-01-05T13:30:00.000003Z")).setTradeId("").setConditions(List.of())
                .setCurrency("EUR").build();
        assertThat(fromPath).containsExactly(
                "3 " + first,
                "4 bad: price 0.0 is not positive [MSFT,10,2026-01-05T14:30:00.000002Z,0,t2,,]",
                "6 " + third);
    }

    @Test
    void aQuotesFileSaysSoAndReadsQuotes() throws Exception {
        String quotes = "event_time,symbol,bid,ask,bid_size,ask_size\n2026-01-05T14:30:00Z,AAPL,1.5,1.6,10,0\n";
        ReplayFile file = new ReplayFile("q.csv", new ByteArrayInputStream(quotes.getBytes(StandardCharsets.UTF_8)));
        assertThat(file.kind()).isEqualTo(ReplayFile.Kind.QUOTES);
        assertThat(file.parse(file.next()).event()).isInstanceOfSatisfying(Quote.class,
                q -> assertThat(q.getAskSize()).isZero());
        file.close();
    }

    @Test
    void aHeaderOfNeitherKindOrLackingAColumnRefusesTheFileAtItsHeaderLine() {
        assertThatThrownBy(() -> new ReplayFile("bars.csv", stream("\ndate,open,high,low,close,volume\n")))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e).hasMessage("bars.csv: the header names neither 'price' (trades) nor 'bid' (quotes): "
                            + "[date, open, high, low, close, volume]");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.text()).isEqualTo("date,open,high,low,close,volume");
                });
        assertThatThrownBy(() -> new ReplayFile("q.csv", stream("event_time,symbol,bid,ask,bid_size\n")))
                .isInstanceOfSatisfying(BadFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo("quotes file lacks the column 'ask_size'");
                    assertThat(e.line()).isEqualTo(1);
                });
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTimeBeyondWhatTimestampMicrosHoldsIsABadLine() throws IOException {
        // Found by ReplayFileFuzzTest: the line parsed, and the producer's Avro encoding of the event
        // then failed with an ArithmeticException (long overflow), ending the replay.
        String file = String.join("\n", "symbol,size,event_time,price",
                "AAPL,10,+200000-01-05T14:30:00.000001Z,187.25",
                "AAPL,10,-400000-01-05T14:30:00Z,187.25",
                "AAPL,10,+294248-01-01T00:00:00Z,187.25", "");

        List<String> read = read(new ReplayFile("t.csv", stream(file)));

        assertThat(read).hasSize(3);
        assertThat(read.get(0)).startsWith("2 {").contains("+200000-01-05T14:30:00.000001Z");
        assertThat(read.get(1)).isEqualTo("3 bad: event_time '-400000-01-05T14:30:00Z' is outside the times an event holds ("
                + "-290308-12-21T19:59:05.224192Z to +294247-01-10T04:00:54.775807Z) [AAPL,10,-400000-01-05T14:30:00Z,187.25]");
        assertThat(read.get(2)).startsWith("4 bad: event_time '+294248-01-01T00:00:00Z' is outside the times an event holds");
    }
}
