package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of undecodable record lands in the dead-letter topic with its reason; good ones around it are not held up. */
class DeadLetterIT {

    @Test
    void everyKindOfBadRecordGoesToTheDeadLetterTopicAndTheJobGoesOn(@TempDir Path dir) throws Exception {
        Topics topics = Topics.fresh("dlq");
        StackFixture fixture = topics.fixture();
        String kafka = topics.kafka();
        byte[] good = topics.trade();
        byte[] quote = topics.quote();
        Map<String, byte[]> bad = topics.badTrades();

        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            KafkaIo.produceRaw(kafka, fixture.tradesTopic(), "AAPL", List.of(good));
            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                KafkaIo.produceRaw(kafka, fixture.tradesTopic(), entry.getKey(), List.of(entry.getValue()));
                KafkaIo.produceRaw(kafka, fixture.tradesTopic(), "AAPL", List.of(good));
            }
            // And on the quotes topic: a Trade where a Quote belongs.
            KafkaIo.produceRaw(kafka, fixture.quotesTopic(), "MSFT", List.of(good, quote));

            assertEachFiledWithItsReason(KafkaIo.consumeRaw(kafka, MarketContract.TRADES.deadLetterTopic(fixture.prefix),
                    bad.size()), bad, fixture.tradesTopic());
            List<ConsumerRecord<String, byte[]>> deadQuotes = KafkaIo.consumeRaw(kafka, MarketContract.QUOTES.deadLetterTopic(fixture.prefix), 1);
            assertThat(header(deadQuotes.get(0), "tickpipe.dlq.reason")).isEqualTo("INCOMPATIBLE_WRITER_SCHEMA");

            // Seven copies of one good trade (same symbol, time and sequence) are one point: writes are idempotent.
            Influx influx = fixture.influx();
            Eventually.until(Duration.ofMinutes(1), () -> influx.count("SELECT sum(dead_letters) FROM pipeline") == bad.size() + 1
                            && influx.count("SELECT count(price) FROM trades") == 1 && influx.count("SELECT count(spread) FROM quotes") == 1,
                    () -> influx.rows("SELECT sum(dead_letters) FROM pipeline GROUP BY reason") + ", trades "
                            + influx.count("SELECT count(price) FROM trades"));
            for (String reason : bad.keySet()) {
                long expected = reason.equals("INCOMPATIBLE_WRITER_SCHEMA") ? 2 : 1;
                assertThat(influx.count("SELECT sum(dead_letters) FROM pipeline WHERE reason = '" + reason + "'"))
                        .as("dead letters counted for %s", reason).isEqualTo(expected);
            }
            assertThat(job.query(StreamTopology.INGEST).isActive()).isTrue();
            assertThat(job.query(StreamTopology.INGEST).exception().isEmpty()).isTrue();
        }
    }

    /**
     * Without raw points, ingest only checks trades and quotes (it builds no records): every kind of
     * bad trade is still filed, and nothing raw is written.
     */
    @Test
    void withoutRawPointsDeadLettersAreStillFiledAndCountedAndTheBarsStillMade(@TempDir Path dir) throws Exception {
        Topics topics = Topics.fresh("noraw");
        StackFixture fixture = topics.fixture();
        Map<String, byte[]> bad = topics.badTrades();

        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir, "--raw=false"))) {
            // The quote is in Kafka before the bad trades: the batch that files the last of them has read it.
            KafkaIo.produceRaw(topics.kafka(), fixture.quotesTopic(), "MSFT", List.of(topics.quote()));
            KafkaIo.produceRaw(topics.kafka(), fixture.tradesTopic(), "AAPL", List.of(topics.trade()));
            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                KafkaIo.produceRaw(topics.kafka(), fixture.tradesTopic(), entry.getKey(), List.of(entry.getValue()));
            }

            assertEachFiledWithItsReason(KafkaIo.consumeRaw(topics.kafka(),
                    MarketContract.TRADES.deadLetterTopic(fixture.prefix), bad.size()), bad, fixture.tradesTopic());
            Influx influx = fixture.influx();
            Eventually.until(Duration.ofMinutes(1), () -> influx.count("SELECT sum(dead_letters) FROM pipeline") == bad.size()
                            && influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s'") == 1,
                    () -> "dead letters " + influx.rows("SELECT sum(dead_letters) FROM pipeline GROUP BY reason"));
            for (String reason : bad.keySet()) {
                assertThat(influx.count("SELECT sum(dead_letters) FROM pipeline WHERE reason = '" + reason + "'"))
                        .as("dead letters counted for %s", reason).isEqualTo(1);
            }
            assertThat(influx.count("SELECT count(price) FROM trades")).as("raw trades written").isZero();
            assertThat(influx.count("SELECT count(spread) FROM quotes")).as("raw quotes written").isZero();
        }
    }

    /** Each bad record was keyed by its expected reason: filed with it, its original bytes, and where it came from. */
    private static void assertEachFiledWithItsReason(List<ConsumerRecord<String, byte[]>> dead, Map<String, byte[]> bad,
                                                     String topic) {
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(bad.keySet());
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertThat(header(record, "tickpipe.dlq.reason")).as("reason of %s", record.key()).isEqualTo(record.key());
            assertThat(record.value()).as("original bytes of %s", record.key()).isEqualTo(bad.get(record.key()));
            assertThat(header(record, "tickpipe.dlq.topic")).isEqualTo(topic);
            assertThat(header(record, "tickpipe.dlq.offset")).matches("\\d+");
            // The message names the record as topic-partition@offset (and the schema id, when the header had one), then the reason.
            assertThat(header(record, "tickpipe.dlq.message")).matches("(?s)" + Pattern.quote("record " + topic + "-"
                    + header(record, "tickpipe.dlq.partition") + "@" + header(record, "tickpipe.dlq.offset"))
                    + "( schema id \\d+)?: " + record.key() + ": .+");
        }
    }

    /** A fixture's fresh topics with their value schemas registered, and a good trade and quote encoded with them. */
    private record Topics(StackFixture fixture, String kafka, byte[] trade, byte[] quote) {
        /** One undecodable trade of each reason, by reason. */
        Map<String, byte[]> badTrades() {
            Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put("TRUNCATED_HEADER", new byte[] {0, 0, 0});
            bad.put("BAD_MAGIC_BYTE", PoisonRecords.withFirstByte(trade, (byte) 7));
            bad.put("UNKNOWN_SCHEMA_ID", PoisonRecords.withId(trade, 0x7ffffff0));
            bad.put("TRUNCATED_PAYLOAD", Arrays.copyOf(trade, trade.length - 4));
            bad.put("MALFORMED_PAYLOAD", PoisonRecords.garbageAfterHeader(trade));
            bad.put("INCOMPATIBLE_WRITER_SCHEMA", quote);
            return bad;
        }

        static Topics fresh(String name) {
            LocalStack stack = TestStack.shared();
            StackFixture fixture = StackFixture.fresh(stack, name);
            var registry = new SchemaRegistryClient(RegistryConfig.of(stack.schemaRegistryUrl()));
            int tradeId = registry.register(MarketContract.TRADES.valueSubject(fixture.prefix), Trade.getClassSchema());
            int quoteId = registry.register(MarketContract.QUOTES.valueSubject(fixture.prefix), Quote.getClassSchema());
            return new Topics(fixture, stack.kafkaBootstrapServers(),
                    new ConfluentAvroEncoder().encode(tradeId, Trade.getClassSchema(), DeadLetterIT.trade()),
                    new ConfluentAvroEncoder().encode(quoteId, Quote.getClassSchema(), DeadLetterIT.quote()));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as("header %s", key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Trade trade() {
        return Trade.newBuilder().setSymbol("AAPL").setPrice(190.5).setSize(100).setEventTime(Instant.parse("2026-03-02T14:30:00Z"))
                .setTradeId("t-1").setExchange("XNAS").setConditions(List.of()).setSequence(0).setCurrency("USD").build();
    }

    private static Quote quote() {
        return Quote.newBuilder().setSymbol("MSFT").setBid(400.0).setAsk(400.05).setBidSize(100).setAskSize(200)
                .setEventTime(Instant.parse("2026-03-02T14:30:00Z")).setExchange("XNAS").setSequence(0).build();
    }
}
