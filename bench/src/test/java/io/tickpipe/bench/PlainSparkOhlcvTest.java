package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.bench.TradePrints.Print;
import io.tickpipe.market.Trade;
import io.tickpipe.wire.ConfluentAvroEncoder;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
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
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TradePrints.localSpark("PlainSparkOhlcvTest", 3);
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
        List<Row> bars = PlainSparkOhlcv.bars(spark.createDataFrame(TradePrints.rows(prints), TradePrints.SCHEMA))
                .collectAsList();

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

    /** "SYMBOL INTERVAL START" -> open, high, low, close, volume, count of the UTC minutes and days. */
    private static Map<String, double[]> plainOhlcv(List<Print> prints) {
        Map<String, double[]> bars = new TreeMap<>(TradePrints.ohlcv(prints,
                p -> p.symbol() + " 1m " + p.time().truncatedTo(ChronoUnit.MINUTES)));
        bars.putAll(TradePrints.ohlcv(prints, p -> p.symbol() + " 1d " + p.time().truncatedTo(ChronoUnit.DAYS)));
        return bars;
    }
}
