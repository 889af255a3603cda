package io.tickpipe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.decode.UndecodableCounts;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.KafkaRows;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.Test;

/**
 * The batch pipeline over Kafka-shaped rows made in memory (the registry is the test stack's):
 * the bars of an independent computation, every one final, the last of each symbol included.
 */
class BatchPipelineIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final int SMA = 5;

    @Test
    void everyBarOfTheInputIsFinalAndEqualsTheIndependentComputation() {
        String prefix = "batchpipe" + ProcessHandle.current().pid() + Long.toString(System.nanoTime() % 1_000_000, 36);
        String registryUrl = TestStack.shared().schemaRegistryUrl();
        int schemaId = new SchemaRegistryClient(RegistryConfig.of(registryUrl))
                .register(MarketContract.TRADES.valueSubject(prefix), Trade.getClassSchema());
        List<Trade> trades = trades(new Random(5), 150);
        List<Trade> shuffled = new ArrayList<>(trades);
        Collections.shuffle(shuffled, new Random(6));

        String topic = MarketContract.TRADES.topic(prefix);
        ConfluentAvroEncoder encoder = new ConfluentAvroEncoder();
        KafkaRows partition0 = KafkaRows.of(topic, 0);
        KafkaRows partition1 = KafkaRows.of(topic, 1);
        for (int i = 0; i < shuffled.size(); i++) {
            Trade trade = shuffled.get(i);
            (i % 2 == 0 ? partition0 : partition1).add(trade.getSymbol(), encoder.encode(schemaId, Trade.getClassSchema(), trade));
        }
        byte[] badMagic = encoder.encode(schemaId, Trade.getClassSchema(), trades.get(0));
        badMagic[0] = 7;
        partition1.add("AAPL", badMagic);
        // Another topic's record among the input is not the backfill's.
        KafkaRows quotes = KafkaRows.of(MarketContract.QUOTES.topic(prefix), 0).add("AAPL", new byte[] {0, 0, 0, 0, 1, 2});
        Dataset<Row> rows = partition0.toDataset(LocalSpark.session()).union(partition1.toDataset(LocalSpark.session()))
                .union(quotes.toDataset(LocalSpark.session()));

        BackfillConfig config = config("--schema-registry", registryUrl, "--topic-prefix", prefix,
                "--intervals", "1s,1m", "--sma-period", String.valueOf(SMA));
        Dataset<Row> events = BatchPipeline.backfill(rows, config).cache();
        List<Row> bars = MarketAnalytics.bars(events).collectAsList();

        assertThat(bars).as("every bar of a batch is final").allSatisfy(bar -> assertThat(bar.<Boolean>getAs("final")).isTrue());
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected1s = ExpectedBars.of(trades, 1_000_000L);
        ExpectedBars.assertMatches(bars(bars, "1s"), expected1s);
        ExpectedBars.assertMatches(bars(bars, "1m"), ExpectedBars.of(trades, 60_000_000L));
        for (String symbol : SYMBOLS) {
            Instant last = trades.stream().filter(t -> t.getSymbol().equals(symbol)).map(Trade::getEventTime).max(Instant::compareTo).orElseThrow();
            long lastMinute = Math.floorDiv(micros(last), 60_000_000L) * 60_000_000L;
            assertThat(bars(bars, "1m")).as("%s's last, partial minute", symbol).containsKey(new ExpectedBars.Key(symbol, lastMinute));
        }

        Map<ExpectedBars.Key, Double> sma = ExpectedBars.sma(expected1s, SMA);
        Map<ExpectedBars.Key, Double> smaWritten = new TreeMap<>();
        for (Row row : MarketAnalytics.indicators(events).where("interval = '1s' AND sma IS NOT NULL").collectAsList()) {
            smaWritten.put(key(row), row.getAs("sma"));
        }
        assertThat(smaWritten.keySet()).containsExactlyElementsOf(sma.keySet());
        sma.forEach((key, value) -> assertThat(smaWritten.get(key)).as("sma %s", key).isCloseTo(value, within(1e-9)));

        List<UndecodableCounts.Count> undecodable = UndecodableCounts.of(
                BatchPipeline.decode(rows, topic, Trade.getClassSchema(), config.registryConfig()));
        assertThat(undecodable).extracting(UndecodableCounts.Count::topic, UndecodableCounts.Count::reason, UndecodableCounts.Count::records)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(topic, "BAD_MAGIC_BYTE", 1L));
        events.unpersist();
    }

    /** Seeded trades over {@code seconds}, a few per second per symbol, some sharing a microsecond. */
    private static List<Trade> trades(Random random, int seconds) {
        List<Trade> trades = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            double price = 100 + 50 * random.nextDouble();
            long sequence = 0;
            for (long micros = random.nextInt(300_000); micros < seconds * 1_000_000L; micros += 1 + random.nextInt(700_000)) {
                price = Math.max(1, Math.round(price * (1 + random.nextGaussian() * 0.002) * 100) / 100.0);
                int prints = random.nextInt(8) == 0 ? 2 : 1;
                for (int p = 0; p < prints; p++) {
                    trades.add(Trade.newBuilder().setSymbol(symbol).setPrice(price + p * 0.01).setSize(1 + random.nextInt(400))
                            .setEventTime(START.plus(micros, ChronoUnit.MICROS)).setTradeId(symbol + "-" + sequence)
                            .setExchange("XNAS").setConditions(List.of()).setSequence(sequence++).setCurrency("USD").build());
                }
            }
        }
        return trades;
    }

    private static Map<ExpectedBars.Key, ExpectedBars.Bar> bars(List<Row> rows, String interval) {
        Map<ExpectedBars.Key, ExpectedBars.Bar> bars = new TreeMap<>();
        for (Row row : rows) {
            if (row.<String>getAs("interval").equals(interval)) {
                bars.put(key(row), new ExpectedBars.Bar(row.getAs("open"), row.getAs("high"), row.getAs("low"), row.getAs("close"),
                        row.getAs("volume"), row.<Long>getAs("trade_count"), row.getAs("vwap")));
            }
        }
        return bars;
    }

    private static ExpectedBars.Key key(Row row) {
        return new ExpectedBars.Key(row.getAs("symbol"), micros(row.<Timestamp>getAs("time").toInstant()));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static BackfillConfig config(String... args) {
        StringWriter err = new StringWriter();
        String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("backfill"), java.util.stream.Stream.of(args))
                .toArray(String[]::new);
        Object config = BatchJob.parse(command, new PrintWriter(new StringWriter()), new PrintWriter(err)).config();
        assertThat(config).as("options rejected: %s", err).isInstanceOf(BackfillConfig.class);
        return (BackfillConfig) config;
    }
}
