package io.tickpipe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.test.Probe;
import io.tickpipe.wire.testing.KafkaIo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Serializer and deserializer through a real broker and a real registry. */
class KafkaAvroSerdeIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(REGISTRY));

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", REGISTRY);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> config) {
        var serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    private static KafkaAvroDeserializer deserializer(Map<String, Object> config) {
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
        return deserializer;
    }

    @Test
    void recordsComeBackEqualAsGeneratedClassesAndAsGenericRecords() {
        String topic = KafkaIo.uniqueTopic("probes");
        KafkaIo.createTopic(KAFKA, topic, 2);
        List<Probe> sent = Probes.make(40, 7);
        KafkaIo.produce(KAFKA, topic, serializer(config()), sent, Probe::getSymbol);

        List<ConsumerRecord<String, Object>> specific = KafkaIo.consume(KAFKA, topic, sent.size(),
                deserializer(config("specific.avro.reader", "true")));
        assertThat(specific).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(specific).allSatisfy(r -> assertThat(r.key()).isEqualTo(((Probe) r.value()).getSymbol()));

        List<ConsumerRecord<String, Object>> generic = KafkaIo.consume(KAFKA, topic, sent.size(), deserializer(config()));
        Map<Long, Probe> byCount = new HashMap<>();
        sent.forEach(p -> byCount.put(p.getCount(), p));
        for (var record : generic) {
            GenericRecord value = (GenericRecord) record.value();
            Probe expected = byCount.get((Long) value.get("count"));
            assertThat(value.get("symbol").toString()).isEqualTo(expected.getSymbol());
            assertThat(value.get("price")).isEqualTo(expected.getPrice());
            // Generic records carry the logical type's underlying long: microseconds since the epoch.
            long micros = expected.getEventTime().getEpochSecond() * 1_000_000 + expected.getEventTime().getNano() / 1_000;
            assertThat(value.get("event_time")).isEqualTo(micros);
            assertThat(value.get("note") == null ? null : value.get("note").toString()).isEqualTo(expected.getNote());
        }
        assertThat(registry.latest(topic + "-value").schema()).isEqualTo(Probe.getClassSchema());
    }

    @Test
    void everySubjectNameStrategyRegistersUnderItsSubject() {
        String topic = KafkaIo.uniqueTopic("strategies");
        Probe probe = Probes.make(1, 1).get(0);
        for (String strategy : List.of("io.confluent.kafka.serializers.subject.RecordNameStrategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")) {
            byte[] bytes = serializer(config("value.subject.name.strategy", strategy)).serialize(topic, probe);
            assertThat(WireFormat.schemaId(bytes, RecordPosition.of(topic)))
                    .isEqualTo(registry.latest(strategy.endsWith("TopicRecordNameStrategy")
                            ? topic + "-io.tickpipe.wire.test.Probe" : "io.tickpipe.wire.test.Probe").id());
        }
        assertThat(registry.subjects()).contains("io.tickpipe.wire.test.Probe", topic + "-io.tickpipe.wire.test.Probe")
                .doesNotContain(topic + "-value");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeThere() {
        String topic = KafkaIo.uniqueTopic("unregistered");
        Probe probe = Probes.make(1, 2).get(0);
        var noRegister = serializer(config("auto.register.schemas", "false"));
        assertThatThrownBy(() -> noRegister.serialize(topic, probe))
                .hasMessageContaining("not registered under subject '" + topic + "-value'");

        int id = registry.register(topic + "-value", Probe.getClassSchema());
        assertThat(WireFormat.schemaId(noRegister.serialize(topic, probe), RecordPosition.of(topic))).isEqualTo(id);
        var latest = serializer(config("auto.register.schemas", "false", "use.latest.version", "true"));
        assertThat(WireFormat.schemaId(latest.serialize(topic, probe), RecordPosition.of(topic))).isEqualTo(id);
    }

    @Test
    void aSerializerGoingRoundManyTopicsAndSchemasWritesEachRecordWithItsOwnId() {
        // More topic and schema pairs than the serializer remembers, visited in turn three times, as
        // a producer alternating between its topics does.
        var other = new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");
        GenericRecord otherRecord = new org.apache.avro.generic.GenericData.Record(other);
        otherRecord.put("a", 42L);
        Probe probe = Probes.make(1, 5).get(0);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            topics.add(KafkaIo.uniqueTopic("round-" + i));
        }
        var serializer = serializer(config());

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < topics.size(); i++) {
                String topic = topics.get(i);
                GenericContainer record = i % 2 == 0 ? probe : otherRecord;
                byte[] bytes = serializer.serialize(topic, record);

                assertThat(WireFormat.schemaId(bytes, RecordPosition.of(topic))).as("round %d, topic %d", round, i)
                        .isEqualTo(registry.idOf(topic + "-value", record.getSchema()));
            }
        }
    }

    @Test
    void useLatestVersionRefusesARecordOfAnotherSchema() {
        String topic = KafkaIo.uniqueTopic("latest");
        var other = new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");
        registry.register(topic + "-value", other);
        var latest = serializer(config("auto.register.schemas", "false", "use.latest.version", "true"));
        assertThatThrownBy(() -> latest.serialize(topic, Probes.make(1, 3).get(0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version")
                .hasMessageContaining(topic + "-value");
    }
}
