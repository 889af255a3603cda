package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.spark.testing.TextbookIndicators;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer -> Kafka -> the job -> InfluxDB on the test stack, checked against an independent
 * computation from the events the producer wrote.
 */
class StreamPipelineIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final int SMA = 5;
    /** Not the defaults, so the field names are seen to follow the options; MACD keeps 12, 26, 9. */
    private static final int BOLLINGER = 10;
    private static final int ATR = 7;

    @Test
    void barsIndicatorsRawPointsAndMetricsMatchTheProducedEvents(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "e2e");
        MarketCsv csv = MarketCsv.write(dir, 42, SYMBOLS, START, 150, 4);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                "--replay-file", csv.trades.toString(), "--replay-file", csv.quotes.toString()));

        List<Trade> trades = KafkaIo.consume(stack.kafkaBootstrapServers(), fixture.tradesTopic(), csv.tradeCount, tradeDeserializer(stack))
                .stream().map(ConsumerRecord::value).map(Trade.class::cast).toList();
        Instant newest = trades.stream().map(Trade::getEventTime).max(Instant::compareTo).orElseThrow();
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected = ExpectedBars.of(trades, 1_000_000L);
        // A 1 s bar is final once the watermark (newest event time - 5 s) has passed its end.
        long watermarkMicros = ChronoUnit.MICROS.between(Instant.EPOCH, newest) - 5_000_000L;
        long finalBars = expected.keySet().stream().filter(k -> k.startMicros() + 1_000_000L < watermarkMicros).count();

        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir, "--sma-period", String.valueOf(SMA),
                "--bb-period", String.valueOf(BOLLINGER), "--atr-period", String.valueOf(ATR)))) {
            Influx influx = fixture.influx();
            Eventually.until(Duration.ofMinutes(3),
                    () -> influx.count("SELECT count(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true") >= finalBars
                            && influx.count("SELECT count(price) FROM trades") == csv.tradeCount
                            && influx.count("SELECT count(spread) FROM quotes") == csv.quoteCount,
                    () -> "final 1s bars " + influx.count("SELECT count(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true")
                            + " of " + finalBars + ", trades " + influx.count("SELECT count(price) FROM trades") + " of " + csv.tradeCount);

            // Every 1 s bar, final or still open, has exactly the values of the independent computation.
            ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows("SELECT * FROM bars WHERE \"interval\" = '1s'")), expected);

            // SMA over the final bars' closes; RSI and EMA present and in range once warmed up.
            Map<ExpectedBars.Key, Double> sma = ExpectedBars.sma(expected, SMA);
            List<Map<String, Object>> indicators = influx.rows("SELECT * FROM indicators WHERE \"interval\" = '1s'");
            assertThat(indicators).hasSizeGreaterThanOrEqualTo((int) finalBars);
            int checked = 0;
            for (Map<String, Object> row : indicators) {
                ExpectedBars.Key key = new ExpectedBars.Key((String) row.get("symbol"), Influx.micros(row));
                if (row.get("sma_" + SMA) != null) {
                    assertThat(Influx.number(row, "sma_" + SMA)).as("sma %s", key).isCloseTo(sma.get(key), within(1e-9));
                    checked++;
                }
                if (row.get("rsi_14") != null) {
                    assertThat(Influx.number(row, "rsi_14")).isBetween(0.0, 100.0);
                }
                assertThat(row.get("session_vwap")).as("session_vwap %s", key).isNotNull();
            }
            assertThat(checked).isGreaterThanOrEqualTo((int) finalBars - SYMBOLS.size() * (SMA - 1));
            bollingerMacdAndAtrMatchTheTextbook(indicators, expected, finalBars);

            // Trades later than the watermark: kept as raw points, counted as dropped by the bars.
            List<Instant> late = List.of(START.plusMillis(10_001), START.plusMillis(10_002), START.plusMillis(10_003));
            Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                    "--replay-file", MarketCsv.trades(dir.resolve("late.csv"), "AAPL", late, 1.0).toString()));
            Eventually.until(Duration.ofMinutes(2),
                    () -> influx.count("SELECT sum(late_rows_dropped) FROM pipeline WHERE stream = 'analytics'") == late.size()
                            && influx.count("SELECT count(price) FROM trades WHERE price = 1.0") == late.size(),
                    () -> "late rows dropped " + influx.count("SELECT sum(late_rows_dropped) FROM pipeline WHERE stream = 'analytics'")
                            + ", late trades stored " + influx.count("SELECT count(price) FROM trades WHERE price = 1.0"));

            // Every record processed once per query, as the pipeline measurement reports it.
            Eventually.until(Duration.ofMinutes(1),
                    () -> influx.count("SELECT sum(input_rows) FROM pipeline WHERE stream = 'ingest'") == csv.tradeCount + csv.quoteCount + late.size(),
                    () -> "ingest input rows " + influx.count("SELECT sum(input_rows) FROM pipeline WHERE stream = 'ingest'"));
            assertThat(influx.count("SELECT sum(input_rows) FROM pipeline WHERE stream = 'analytics'"))
                    .isEqualTo(csv.tradeCount + late.size());
            long batches = influx.count("SELECT count(batch_duration_ms) FROM pipeline WHERE stream = 'analytics'");
            assertThat(batches).isPositive();
            assertThat(influx.count("SELECT count(add_batch_ms) FROM pipeline WHERE stream = 'analytics'")).isEqualTo(batches);
            // Caught up: nothing left behind the topics' end offsets.
            assertThat(influx.count("SELECT count(offsets_behind) FROM pipeline WHERE stream = 'ingest'")).isPositive();
            assertThat(influx.count("SELECT last(offsets_behind) FROM pipeline WHERE stream = 'ingest'")).isZero();
            assertThat(job.query(StreamTopology.ANALYTICS).isActive()).isTrue();
        }
    }

    /**
     * Bollinger Bands, MACD and ATR of each indicators point against their textbook definitions over
     * the independently computed bars of its symbol up to it: equal to 1e-9 (%B, which divides by the
     * bands' width, to 1e-6), absent exactly while the definition has no value yet.
     */
    private static void bollingerMacdAndAtrMatchTheTextbook(List<Map<String, Object>> indicators,
            Map<ExpectedBars.Key, ExpectedBars.Bar> expected, long finalBars) {
        Map<ExpectedBars.Key, TextbookIndicators.Values> textbook = new HashMap<>();
        for (String symbol : SYMBOLS) {
            // The keys sort by symbol, then bar start: each symbol's bars in order.
            List<Map.Entry<ExpectedBars.Key, ExpectedBars.Bar>> bars = expected.entrySet().stream()
                    .filter(e -> e.getKey().symbol().equals(symbol)).toList();
            TextbookIndicators values = TextbookIndicators.of(bars.stream().mapToDouble(e -> e.getValue().high()).toArray(),
                    bars.stream().mapToDouble(e -> e.getValue().low()).toArray(), bars.stream().mapToDouble(e -> e.getValue().close()).toArray(),
                    BOLLINGER, 2, 12, 26, 9, ATR);
            for (int i = 0; i < bars.size(); i++) {
                textbook.put(bars.get(i).getKey(), values.at(i));
            }
        }
        String b = "_" + BOLLINGER;
        int withSignal = 0;
        for (Map<String, Object> row : indicators) {
            ExpectedBars.Key key = new ExpectedBars.Key((String) row.get("symbol"), Influx.micros(row));
            TextbookIndicators.Values want = textbook.get(key);
            assertThat(want).as("bar of %s", key).isNotNull();
            assertField(row, "bb_middle" + b, want.middle(), 1e-9, key);
            assertField(row, "bb_upper" + b, want.upper(), 1e-9, key);
            assertField(row, "bb_lower" + b, want.lower(), 1e-9, key);
            assertField(row, "bb_bandwidth" + b, want.bandwidth(), 1e-9, key);
            assertField(row, "bb_percent_b" + b, want.percentB(), 1e-6, key);
            assertField(row, "macd_12_26", want.macd(), 1e-9, key);
            assertField(row, "macd_signal_9", want.signal(), 1e-9, key);
            assertField(row, "macd_histogram", want.histogram(), 1e-9, key);
            assertField(row, "atr_" + ATR, want.atr(), 1e-9, key);
            withSignal += want.signal() != null ? 1 : 0;
        }
        // Every symbol's MACD signal from its 34th final bar on.
        assertThat(withSignal).isGreaterThanOrEqualTo((int) finalBars - SYMBOLS.size() * 33);
    }

    private static void assertField(Map<String, Object> row, String field, Double want, double tolerance, ExpectedBars.Key key) {
        if (want == null) {
            assertThat(row.get(field)).as("%s of %s while warming up", field, key).isNull();
        } else {
            assertThat(Influx.number(row, field)).as("%s of %s", field, key).isCloseTo(want, within(tolerance));
        }
    }

    static KafkaAvroDeserializer tradeDeserializer(LocalStack stack) {
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
        return deserializer;
    }
}
