package io.tickpipe.batch.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.files.Symbols;
import io.tickpipe.spark.testing.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeFilesTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    /** A trade row as text: every column, the event time as an instant. */
    private static String trade(Row row) {
        return String.join(" ", row.getString(0), String.valueOf(row.getDouble(1)), String.valueOf(row.getDouble(2)),
                row.<Timestamp>getAs(3).toInstant().toString(), row.getString(4), "'" + row.getString(5) + "'",
                row.getList(6).toString(), String.valueOf(row.getLong(7)), row.getString(8));
    }

    private static String reject(Row row) {
        return row.getString(0) + ":" + row.getLong(1) + ": " + row.getString(2) + " [" + row.getString(3) + "]";
    }

    @Test
    void everyGoodLineIsATradeAndEveryBadLineOrFileARejectWithFileLineAndReason(@TempDir Path dir) throws Exception {
        String longSymbol = "A".repeat(600);
        List<String> a = List.of(
                "event_time,symbol,price,size,exchange,trade_id,conditions,currency",
                "2026-01-05T14:30:00.000100Z,AAPL,190.25,100,XNAS,t1,,",
                "",
                "2026-01-05T14:30:00.000300Z,aapl,190.30,50,XNAS,,@;I,",
                "2026-01-05T14:30:00.000400Z,MSFT,abc,10,XNYS,t3,,",
                "yesterday,MSFT,400.10,10,XNYS,t4,,",
                "2026-01-05T14:30:00.000500Z,MSFT,400.10,10,XNYS,t5,,EUR",
                "2026-01-05T14:30:00.000600Z,MSFT,400.20",
                "2026-01-05T14:30:00.000700Z,MSFT,-1,5,XNYS,t7,,",
                "2026-01-05T14:30:00.000800Z,MSFT,400.3,0,XNYS,t8,,",
                "2026-01-05T14:30:00.000900Z," + longSymbol + ",1,1,XNYS,t9,,",
                "+10000-01-01T00:00:00Z,MSFT,1,1,XNYS,t10,,");
        Path in = dir.resolve("in");
        Path aFile = TestFiles.write(in.resolve("a_trades.csv"), "\n", a);
        // Another column order, gzip, CRLF; its first trades tie with a_trades.csv's in time.
        Path bFile = TestFiles.write(in.resolve("b_trades.csv.gz"), "\r\n", List.of(
                "size,price,symbol,event_time",
                "7,190.26,AAPL,2026-01-05T14:30:00.000100Z",
                "1.5,400.15,MSFT,2026-01-05T14:30:00.000500Z",
                "2,400.16,MSFT,2026-01-05T14:30:00.000550Z"));
        Path cFile = TestFiles.write(in.resolve("sub/c.csv"), "\n", List.of(
                "event_time,symbol,price,size",
                "2026-01-05T14:30:01Z,SPY,470.5,300",
                "2026-01-05T14:30:02Z,SPY,\"470.6,1",
                "2026-01-05T14:30:03Z,SPY,470.7,1"));
        String quotesHeader = "event_time,symbol,bid,ask,bid_size,ask_size";
        Path quotes = TestFiles.write(in.resolve("d_quotes.csv"), "\n", List.of(quotesHeader,
                "2026-01-05T14:30:00Z,AAPL,190.2,190.3,100,100"));
        Path empty = TestFiles.write(in.resolve("e_empty.csv"), new byte[0]);
        TestFiles.write(in.resolve("f_header_only.csv"), "\n", List.of("event_time,symbol,price,size"));
        Path bars = TestFiles.write(in.resolve("g_bars.csv"), "\n", List.of("date,open,high,low,close,volume",
                "2024-01-02,1,1,1,1,1"));
        Path notGzip = Files.write(in.resolve("h_plain.csv.gz"), "event_time,symbol,price,size\n".getBytes(StandardCharsets.UTF_8));
        for (String ignored : List.of("notes.txt", "_SUCCESS", ".hidden.csv", "_temporary/0/part.csv")) {
            TestFiles.write(in.resolve(ignored), "\n", List.of("event_time,symbol,price,size", "x"));
        }
        Path extra = TestFiles.write(dir.resolve("extra/X.CSV"), "\n", List.of("event_time,symbol,price,size",
                "2026-01-05T14:30:00.000100Z,AAPL,190.27,1"));

        TradeFiles.Result result = TradeFiles.read(spark, List.of(in.toString(), extra.toString(), aFile.toString()));

        assertThat(result.files()).as("the directory's files by path, then the file; a_trades.csv once")
                .containsExactly(aFile.toString(), bFile.toString(), quotes.toString(), empty.toString(),
                        in.resolve("f_header_only.csv").toString(), bars.toString(), notGzip.toString(),
                        cFile.toString(), extra.toString());
        // Per symbol in (event time, file, line) order: AAPL at .000100 from a, b, then X.CSV; then .000300.
        assertThat(result.trades().collectAsList()).extracting(TradeFilesTest::trade).containsExactlyInAnyOrder(
                "AAPL 190.25 100.0 2026-01-05T14:30:00.000100Z t1 'XNAS' [] 0 USD",
                "AAPL 190.26 7.0 2026-01-05T14:30:00.000100Z AAPL-1 '' [] 1 USD",
                "AAPL 190.27 1.0 2026-01-05T14:30:00.000100Z AAPL-2 '' [] 2 USD",
                "AAPL 190.3 50.0 2026-01-05T14:30:00.000300Z AAPL-3 'XNAS' [@, I] 3 USD",
                "MSFT 400.1 10.0 2026-01-05T14:30:00.000500Z t5 'XNYS' [] 0 EUR",
                "MSFT 400.15 1.5 2026-01-05T14:30:00.000500Z MSFT-1 '' [] 1 USD",
                "MSFT 400.16 2.0 2026-01-05T14:30:00.000550Z MSFT-2 '' [] 2 USD",
                "SPY 470.5 300.0 2026-01-05T14:30:01Z SPY-0 '' [] 0 USD");

        List<String> rejects = new ArrayList<>(result.rejects().collectAsList().stream().map(TradeFilesTest::reject).toList());
        String broken = cFile + ":3: unreadable CSV (the rest of the file is lost): ";
        assertThat(rejects).filteredOn(r -> r.startsWith(broken)).singleElement().asString()
                .endsWith(" [2026-01-05T14:30:02Z,SPY,\"470.6,1]");
        rejects.removeIf(r -> r.startsWith(broken));
        assertThat(rejects).containsExactlyInAnyOrder(
                aFile + ":5: price 'abc' is not a number [" + a.get(4) + "]",
                aFile + ":6: event_time 'yesterday' is not an ISO-8601 time with offset (e.g. 2026-01-05T14:30:00.123456Z) [" + a.get(5) + "]",
                aFile + ":8: 3 fields where the header has 8 [" + a.get(7) + "]",
                aFile + ":9: price -1.0 is not positive [" + a.get(8) + "]",
                aFile + ":10: size 0.0 is not positive [" + a.get(9) + "]",
                aFile + ":11: symbol '" + longSymbol + "' is not a symbol (" + Symbols.RULE + ") [" + a.get(10).substring(0, 500) + "]",
                aFile + ":12: event_time +10000-01-01T00:00:00Z is outside the years 1 to 9999 that a Spark timestamp holds [" + a.get(11) + "]",
                quotes + ":1: " + TradeFileRows.QUOTES + " [" + quotesHeader + "]",
                empty + ":1: the file is empty (no header line) []",
                bars + ":1: the header names neither 'price' (trades) nor 'bid' (quotes): [date, open, high, low, close, volume] [date,open,high,low,close,volume]",
                notGzip + ":1: not gzip data, though the name ends in .gz: Not in GZIP format []");
    }

    @Test
    void sequenceNumbersAreTheProducersWhenEachFileIsInTimeOrder(@TempDir Path dir) {
        Random random = new Random(20260105L);
        List<String> symbols = List.of("AAA", "BBB", "CCC");
        Instant start = Instant.parse("2026-01-05T14:30:00Z");
        List<Path> files = new ArrayList<>();
        int lines = 0;
        for (int f = 0; f < 4; f++) {
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                // A coarse grid makes ties within and across files; some times differ below the microsecond.
                Instant time = start.plus(random.nextInt(400) * 10L, ChronoUnit.MICROS);
                times.add(random.nextInt(8) == 0 ? time.plusNanos(1 + random.nextInt(999)) : time);
            }
            times.sort(null);
            List<String> content = new ArrayList<>(List.of("event_time,symbol,price,size,exchange,trade_id"));
            for (Instant time : times) {
                String id = random.nextBoolean() ? "" : "id" + lines;
                content.add(time + "," + symbols.get(random.nextInt(symbols.size())) + ",10,1,line" + lines++ + "," + id);
            }
            files.add(TestFiles.write(dir.resolve("day" + f + (f % 2 == 0 ? ".csv" : ".csv.gz")), "\n", content));
        }

        Map<String, String> expected = new HashMap<>();
        for (ProducerOrder.Sent sent : ProducerOrder.of(files)) {
            expected.put(sent.trade().getExchange(), sent.trade().getSymbol() + " " + sent.sequence() + " " + sent.trade().getTradeId());
        }
        TradeFiles.Result result = TradeFiles.read(spark, List.of(dir.toString())).persist();
        Map<String, String> actual = new HashMap<>();
        for (Row row : result.trades().collectAsList()) {
            actual.put(row.getString(5), row.getString(0) + " " + row.getLong(7) + " " + row.getString(4));
        }
        assertThat(result.rejects().count()).isZero();
        result.unpersist();

        assertThat(expected).hasSize(lines);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aPathThatDoesNotExistIsNamedAndADirectoryWithoutTradeFilesHasNone(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TradeFiles.read(spark, List.of(dir.resolve("missing").toString())))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("missing") + ": no such file or directory");
        Files.writeString(dir.resolve("readme.txt"), "no trades here");
        TradeFiles.Result result = TradeFiles.read(spark, List.of(dir.toString()));
        assertThat(result.files()).isEmpty();
        assertThat(result.trades().count()).isZero();
        assertThat(result.rejects().count()).isZero();
    }
}
