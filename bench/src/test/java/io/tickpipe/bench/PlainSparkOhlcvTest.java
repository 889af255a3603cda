package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.wire.ConfluentAvroEncoder;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baseline computes what it is compared with: its decode gives the Trades encoded, and its OHLCV
 * equals a plain computation over the same trades (UTC minutes and days, open and close by event
 * time then sequence), with trades at equal times, shuffled, across a minute and a day boundary.
 */
class PlainSparkOhlcvTest {
    private static final StructType TRADES = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("sequence", DataTypes.LongType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType);
    private static SparkSession spark;

    private record Print(String symbol, Instant time, long sequence, double price, double size) {
    }

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().appName("PlainSparkOhlcvTest").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "3")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void decodeGivesTheTradesEncodedInConfluentFormat() {
        ConfluentAvroEncoder encoder = new ConfluentAvroEncoder();
        List<Trade> trades = List.of(
                Trade.newBuilder().setSymbol("AAPL").setPrice(190.25).setSize(100).setEventTime(Instant.parse("2026-03-02T14:30:00.000001Z"))
                        .setTradeId("AAPL-0").setExchange("XNAS").setConditions(List.of()).setSequence(0).setCurrency("USD").build(),
                Trade.newBuilder().setSymbol("MSFT").setPrice(410.5).setSize(7).setEventTime(Instant.parse("2026-03-02T14:30:01Z"))
                        .setTradeId("MSFT-3").setExchange("XNYS").setConditions(List.of("I")).setSequence(3).setCurrency("USD").build());
        List<Row> rows = new ArrayList<>();
        for (Trade trade : trades) {
            rows.add(RowFactory.create((Object) encoder.encode(42, Trade.getClassSchema(), trade)));
        }
        Dataset<Row> kafkaRows = spark.createDataFrame(rows, new StructType().add("value", DataTypes.BinaryType));

        List<Row> decoded = PlainSparkOhlcv.decode(kafkaRows).orderBy("symbol").collectAsList();

        assertThat(decoded).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Trade trade = trades.get(i);
            Row row = decoded.get(i);
            assertThat(row.<String>getAs("symbol")).isEqualTo(trade.getSymbol());
            assertThat(row.<Double>getAs("price")).isEqualTo(trade.getPrice());
            assertThat(row.<Double>getAs("size")).isEqualTo(trade.getSize());
            assertThat(row.<Timestamp>getAs("event_time").toInstant()).isEqualTo(trade.getEventTime());
            assertThat(row.<Long>getAs("sequence")).isEqualTo(trade.getSequence());
            assertThat(row.<String>getAs("trade_id")).isEqualTo(trade.getTradeId());
        }
    }

    @Test
    void barsEqualAPlainOhlcvOfTheSameTrades() {
        Random random = new Random(20260302L);
        Instant start = Instant.parse("2026-03-02T23:58:40Z");
        List<Print> prints = new ArrayList<>();
        for (String symbol : List.of("AAPL", "MSFT", "NVDA")) {
            long sequence = 0;
            for (int i = 0; i < 400; i++) {
                // Few distinct times (every 2 s over 200 s): many trades share one, told apart by sequence.
                Instant time = start.plusSeconds(2L * random.nextInt(100));
                double price = 100 + random.nextInt(2_000) / 100.0;
                prints.add(new Print(symbol, time, sequence++, price, 1 + random.nextInt(500)));
            }
        }
        Collections.shuffle(prints, random);
        List<Row> rows = prints.stream().map(p -> RowFactory.create(p.symbol(), Timestamp.from(p.time()), p.sequence(),
                p.price(), p.size())).toList();

        List<Row> bars = PlainSparkOhlcv.bars(spark.createDataFrame(rows, TRADES)).collectAsList();

        Map<String, double[]> expected = plainOhlcv(prints);
        assertThat(bars).hasSize(expected.size());
        assertThat(expected.keySet()).anyMatch(k -> k.contains("1d 2026-03-03"));
        for (Row bar : bars) {
            String key = bar.<String>getAs("symbol") + " " + bar.<String>getAs("interval") + " "
                    + bar.<Timestamp>getAs("time").toInstant();
            double[] want = expected.get(key);
            assertThat(want).as(key).isNotNull();
            assertThat(new double[] {bar.<Double>getAs("open"), bar.<Double>getAs("high"), bar.<Double>getAs("low"),
                    bar.<Double>getAs("close"), bar.<Double>getAs("volume"), bar.<Long>getAs("trade_count")})
                    .as(key + " open, high, low, close, volume, count").containsExactly(want);
        }
    }

    /** "SYMBOL INTERVAL START" -> open, high, low, close, volume, count, by sorting each bar's prints. */
    private static Map<String, double[]> plainOhlcv(List<Print> prints) {
        Map<String, List<Print>> groups = new TreeMap<>();
        for (Print p : prints) {
            groups.computeIfAbsent(p.symbol() + " 1m " + p.time().truncatedTo(ChronoUnit.MINUTES), k -> new ArrayList<>()).add(p);
            groups.computeIfAbsent(p.symbol() + " 1d " + p.time().truncatedTo(ChronoUnit.DAYS), k -> new ArrayList<>()).add(p);
        }
        Map<String, double[]> bars = new TreeMap<>();
        groups.forEach((key, group) -> {
            List<Print> ordered = group.stream()
                    .sorted(Comparator.comparing(Print::time).thenComparingLong(Print::sequence)).toList();
            double volume = 0;
            for (Print p : ordered) {
                volume += p.size(); // whole numbers: exact in any order
            }
            bars.put(key, new double[] {ordered.get(0).price(), ordered.stream().mapToDouble(Print::price).max().orElseThrow(),
                    ordered.stream().mapToDouble(Print::price).min().orElseThrow(), ordered.get(ordered.size() - 1).price(),
                    volume, ordered.size()});
        });
        return bars;
    }
}
