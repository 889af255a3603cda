package io.tickpipe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer -> Kafka -> the batch job -> InfluxDB on the test stack: two replays produced one after
 * the other with two undecodable records between them; the whole topic, and each side of the
 * boundary by --from and --to, checked against an independent computation of their trades.
 */
class BackfillIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final int SMA = 5;
    private static final String BARS_1S = "SELECT * FROM bars WHERE \"interval\" = '1s'";

    @Test
    void backfillsTheBarsOfAnIndependentComputationOverTheWholeTopicOrARangeAndCountsUndecodableRecords(@TempDir Path dir) {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "backfill");
        String kafka = stack.kafkaBootstrapServers();
        MarketCsv early = MarketCsv.write(dir, 11, SYMBOLS, START, 30, 4);
        MarketCsv later = MarketCsv.write(dir, 12, SYMBOLS, START.plusSeconds(60), 20, 4);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0", "--replay-file", early.trades.toString()));
        KafkaIo.produceRaw(kafka, fixture.tradesTopic(), "AAPL", List.of(new byte[] {0, 0, 0}, new byte[] {7, 0, 0, 0, 1, 2}));
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0", "--replay-file", later.trades.toString()));

        // What the topic holds, split where the second replay's records begin (in Kafka time).
        List<ConsumerRecord<String, byte[]>> records = KafkaIo.consumeRaw(kafka, fixture.tradesTopic(), early.tradeCount + 2 + later.tradeCount);
        List<Trade> all = new ArrayList<>();
        List<Trade> before = new ArrayList<>();
        List<Trade> after = new ArrayList<>();
        long lastOfEarly = Long.MIN_VALUE;
        long firstOfLater = Long.MAX_VALUE;
        try (KafkaAvroDeserializer deserializer = deserializer(stack)) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value().length < 6 || record.value()[0] != 0) {
                    lastOfEarly = Math.max(lastOfEarly, record.timestamp());
                    continue;
                }
                Trade trade = (Trade) deserializer.deserialize(record.topic(), record.value());
                all.add(trade);
                boolean isLater = !trade.getEventTime().isBefore(START.plusSeconds(60));
                (isLater ? after : before).add(trade);
                if (isLater) {
                    firstOfLater = Math.min(firstOfLater, record.timestamp());
                } else {
                    lastOfEarly = Math.max(lastOfEarly, record.timestamp());
                }
            }
        }
        assertThat(firstOfLater).as("the second replay was produced after the first").isGreaterThan(lastOfEarly);
        String boundary = Instant.ofEpochMilli(firstOfLater).toString();

        // The whole topic.
        Backfill.Report report = Backfill.run(LocalSpark.session(), BatchPipelineIT.config(fixture.jobArgs("--sma-period", String.valueOf(SMA))));
        assertThat(report.tradeRecords()).isEqualTo(records.size());
        assertThat(report.undecodable()).extracting(c -> c.reason() + "=" + c.records())
                .containsExactlyInAnyOrder("TRUNCATED_HEADER=1", "BAD_MAGIC_BYTE=1");
        Influx influx = fixture.influx();
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected = ExpectedBars.of(all, 1_000_000L);
        ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows(BARS_1S)), expected);
        ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows("SELECT * FROM bars WHERE \"interval\" = '1m'")),
                ExpectedBars.of(all, 60_000_000L));
        assertThat(influx.count("SELECT count(\"close\") FROM bars WHERE final = false")).as("bars not final").isZero();
        Map<ExpectedBars.Key, Double> sma = ExpectedBars.sma(expected, SMA);
        List<Map<String, Object>> indicators = influx.rows("SELECT * FROM indicators WHERE \"interval\" = '1s' AND sma_" + SMA + " > 0");
        assertThat(indicators).hasSize(sma.size());
        for (Map<String, Object> row : indicators) {
            ExpectedBars.Key key = new ExpectedBars.Key((String) row.get("symbol"), Influx.micros(row));
            assertThat(Influx.number(row, "sma_" + SMA)).as("sma %s", key).isCloseTo(sma.get(key), within(1e-9));
        }
        assertThat(influx.count("SELECT sum(undecodable_records) FROM pipeline WHERE stream = 'batch' AND reason = 'TRUNCATED_HEADER'")).isEqualTo(1);
        assertThat(influx.count("SELECT sum(undecodable_records) FROM pipeline WHERE stream = 'batch' AND reason = 'BAD_MAGIC_BYTE'")).isEqualTo(1);
        assertThat(KafkaIo.recordCount(kafka, MarketContract.TRADES.deadLetterTopic(fixture.prefix)))
                .as("the stream sends dead letters, not the backfill").isZero();
        assertThat(influx.count("SELECT count(price) FROM trades")).as("raw trades only with --raw").isZero();

        // Again over the same database: the same points, overwritten with the same values.
        Backfill.run(LocalSpark.session(), BatchPipelineIT.config(fixture.jobArgs("--sma-period", String.valueOf(SMA))));
        ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows(BARS_1S)), expected);
        assertThat(influx.count("SELECT sum(undecodable_records) FROM pipeline WHERE stream = 'batch'")).isEqualTo(2);

        // From the boundary on: only the second replay.
        StackFixture fromBoundary = fixture.withDatabase("from");
        Backfill.Report laterReport = Backfill.run(LocalSpark.session(), BatchPipelineIT.config(fromBoundary.jobArgs("--from", boundary)));
        assertThat(laterReport.tradeRecords()).isEqualTo(after.size());
        assertThat(laterReport.undecodable()).isEmpty();
        ExpectedBars.assertMatches(ExpectedBars.fromInflux(fromBoundary.influx().rows(BARS_1S)), ExpectedBars.of(after, 1_000_000L));

        // Up to the boundary, with raw points: the first replay and the undecodable records between them.
        StackFixture toBoundary = fixture.withDatabase("to");
        Backfill.Report earlyReport = Backfill.run(LocalSpark.session(), BatchPipelineIT.config(toBoundary.jobArgs("--to", boundary, "--raw")));
        assertThat(earlyReport.tradeRecords()).isEqualTo(before.size() + 2);
        assertThat(earlyReport.undecodable()).hasSize(2);
        ExpectedBars.assertMatches(ExpectedBars.fromInflux(toBoundary.influx().rows(BARS_1S)), ExpectedBars.of(before, 1_000_000L));
        assertThat(toBoundary.influx().count("SELECT count(price) FROM trades")).isEqualTo(before.size());
    }

    private static KafkaAvroDeserializer deserializer(LocalStack stack) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
        return deserializer;
    }
}
