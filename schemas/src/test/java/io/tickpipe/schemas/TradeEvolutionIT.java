package io.tickpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.market.Trade;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.RecordPosition;
import io.tickpipe.wire.WireFormat;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import io.tickpipe.wire.registry.IncompatibleSchemaException;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Trade v1 and v2 on one topic through the real registry and broker: a v2 reader reads both, v1
 * records carrying v2's default, and the registry refuses a version that breaks the declared level.
 */
class TradeEvolutionIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();
    private static final Schema V1 = SchemaHistory.parse(Path.of("history/trade/v1.avsc"));
    private static final Instant T0 = Instant.parse("2026-11-23T14:30:00.123456Z");

    private static GenericRecord v1Trade(int i) {
        GenericRecord trade = new GenericData.Record(V1);
        trade.put("symbol", i % 2 == 0 ? "AAPL" : "MSFT");
        trade.put("price", 190.25 + i);
        trade.put("size", 100.0 * (i + 1));
        trade.put("event_time", ChronoUnit.MICROS.between(Instant.EPOCH, T0.plusMillis(i)));
        trade.put("trade_id", "v1-" + i);
        trade.put("exchange", "XNAS");
        trade.put("conditions", i == 0 ? List.of() : List.of("@", "F"));
        trade.put("sequence", (long) i);
        return trade;
    }

    private static Trade v2Trade(int i) {
        return Trade.newBuilder()
                .setSymbol("NVDA").setPrice(480.5 + i).setSize(0.5 * i).setEventTime(T0.plusSeconds(60 + i))
                .setTradeId("v2-" + i).setExchange("XNYS").setConditions(List.of())
                .setSequence(100L + i).setCurrency(i % 2 == 0 ? "EUR" : "USD").build();
    }

    @Test
    void aV2ReaderReadsV1AndV2RecordsAndTheRegistryRefusesABreakingVersion() {
        String topic = KafkaIo.uniqueTopic("market.trades");
        String subject = topic + "-value";
        KafkaIo.createTopic(KAFKA, topic, 1);
        var registry = new SchemaRegistryClient(RegistryConfig.of(REGISTRY));
        var serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", REGISTRY), false);

        int v1Id = registry.register(subject, V1);
        registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
        List<GenericRecord> v1Trades = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            v1Trades.add(v1Trade(i));
        }
        KafkaIo.produce(KAFKA, topic, serializer, v1Trades, t -> t.get("symbol").toString());

        int v2Id = registry.register(subject, Trade.getClassSchema());
        List<Trade> v2Trades = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            v2Trades.add(v2Trade(i));
        }
        KafkaIo.produce(KAFKA, topic, serializer, v2Trades, Trade::getSymbol);
        assertThat(registry.versions(subject)).containsExactly(1, 2);

        // What is on the topic: v1 ids then v2 ids.
        var raw = KafkaIo.consume(KAFKA, topic, 9, new ByteArrayDeserializer());
        assertThat(raw).extracting(r -> WireFormat.schemaId(r.value(), RecordPosition.of(topic)))
                .containsExactly(v1Id, v1Id, v1Id, v1Id, v1Id, v2Id, v2Id, v2Id, v2Id);

        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", REGISTRY, "specific.avro.reader", "true"), false);
        List<Trade> read = KafkaIo.consume(KAFKA, topic, 9, deserializer).stream()
                .map(ConsumerRecord::value).map(Trade.class::cast).toList();

        for (int i = 0; i < 5; i++) {
            Trade trade = read.get(i);
            GenericRecord sent = v1Trades.get(i);
            assertThat(trade.getSymbol()).isEqualTo(sent.get("symbol"));
            assertThat(trade.getPrice()).isEqualTo(sent.get("price"));
            assertThat(trade.getSize()).isEqualTo(sent.get("size"));
            assertThat(trade.getEventTime()).isEqualTo(T0.plusMillis(i));
            assertThat(trade.getTradeId()).isEqualTo("v1-" + i);
            assertThat(trade.getExchange()).isEqualTo("XNAS");
            assertThat(trade.getConditions()).isEqualTo(sent.get("conditions"));
            assertThat(trade.getSequence()).isEqualTo((long) i);
            assertThat(trade.getCurrency()).as("v1 records read with v2's default").isEqualTo("USD");
        }
        assertThat(read.subList(5, 9)).containsExactlyElementsOf(v2Trades);

        Schema breaking = new Schema.Parser().parse(Trade.getClassSchema().toString()
                .replace("{\"name\":\"currency\"", "{\"name\":\"venue_id\",\"type\":\"long\"},{\"name\":\"currency\""));
        assertThat(breaking.getField("venue_id")).isNotNull();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.subject()).isEqualTo(subject))
                .hasMessageContaining("'" + subject + "'");
        GenericRecord breakingRecord = new GenericData.Record(breaking);
        assertThatThrownBy(() -> serializer.serialize(topic, breakingRecord))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(subject);
        assertThat(registry.versions(subject)).containsExactly(1, 2);
    }
}
