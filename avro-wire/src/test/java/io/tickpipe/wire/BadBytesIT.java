package io.tickpipe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.WireFormatException.Reason;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.test.Probe;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every kind of bad bytes ends in a WireFormatException that says which record and why. */
class BadBytesIT {
    private static final RecordPosition WHERE = new RecordPosition("market.trades", 2, 41);
    private static final Schema OTHER = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"it\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().schemaRegistryUrl()));
    private final ConfluentAvroDecoder probeDecoder = new ConfluentAvroDecoder(registry, ReaderSchemas.fixed(Probe.getClassSchema()));
    private final int probeId = registry.register("bad-bytes-probe-value", Probe.getClassSchema());
    private final byte[] valid = new ConfluentAvroEncoder().encode(probeId, Probe.getClassSchema(), Probes.make(1, 5).get(0));

    private static void assertFails(ThrowingCallable decode, Reason reason, int schemaId, String... messageParts) {
        assertThatThrownBy(decode)
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.schemaId()).isEqualTo(schemaId);
                    assertThat(e.topic()).isEqualTo("market.trades");
                    assertThat(e.partition()).isEqualTo(2);
                    assertThat(e.offset()).isEqualTo(41);
                })
                .hasMessageContaining("market.trades-2@41")
                .hasMessageContaining(reason.name())
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void theValidRecordDecodes() {
        assertThat((Probe) probeDecoder.decode(valid, WHERE)).isEqualTo(Probes.make(1, 5).get(0));
    }

    @Test
    void emptyAndShortHeaders() {
        assertFails(() -> probeDecoder.decode(new byte[0], WHERE), Reason.TRUNCATED_HEADER, -1, "0 bytes");
        assertFails(() -> probeDecoder.decode(new byte[] {0, 0, 0}, WHERE), Reason.TRUNCATED_HEADER, -1, "3 bytes");
    }

    @Test
    void wrongMagicByte() {
        byte[] json = "{\"symbol\":\"AAPL\"}".getBytes(StandardCharsets.UTF_8);
        assertFails(() -> probeDecoder.decode(json, WHERE), Reason.BAD_MAGIC_BYTE, -1, "0x7b");
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = valid.clone();
        bytes[1] = 0x7f;
        bytes[2] = (byte) 0xff;
        bytes[3] = (byte) 0xff;
        bytes[4] = (byte) 0xf0;
        assertFails(() -> probeDecoder.decode(bytes, WHERE), Reason.UNKNOWN_SCHEMA_ID, 0x7ffffff0, "no schema with this id");
    }

    @Test
    void truncatedPayload() {
        for (int cut : new int[] {WireFormat.HEADER_LENGTH, WireFormat.HEADER_LENGTH + 2, valid.length - 1}) {
            byte[] truncated = Arrays.copyOf(valid, cut);
            assertFails(() -> probeDecoder.decode(truncated, WHERE), Reason.TRUNCATED_PAYLOAD, probeId, "io.tickpipe.wire.test.Probe");
        }
    }

    @Test
    void bytesThatAreNotThisSchemasAvro() {
        // Header of a real id, then a string length of -1 (zig-zag 0x01): no Probe starts like that.
        byte[] negativeLength = Arrays.copyOf(valid, WireFormat.HEADER_LENGTH + 1);
        negativeLength[WireFormat.HEADER_LENGTH] = 0x01;
        assertFails(() -> probeDecoder.decode(negativeLength, WHERE), Reason.MALFORMED_PAYLOAD, probeId, "not valid Avro");

        byte[] leftOver = Arrays.copyOf(valid, valid.length + 2);
        assertFails(() -> probeDecoder.decode(leftOver, WHERE), Reason.MALFORMED_PAYLOAD, probeId, "bytes left over");
    }

    @Test
    void aGarbageLengthIsRefusedInsteadOfAllocated() {
        // Header of a real id, then a symbol length of 1.5e9 (zig-zag varint): Avro alone would allocate 1.5 GB.
        byte[] bytes = Arrays.copyOf(valid, WireFormat.HEADER_LENGTH + 5);
        long zigzag = 3_000_000_000L;
        for (int i = WireFormat.HEADER_LENGTH; i < bytes.length; i++, zigzag >>>= 7) {
            bytes[i] = (byte) ((zigzag & 0x7f) | (zigzag >= 0x80 ? 0x80 : 0));
        }
        assertFails(() -> probeDecoder.decode(bytes, WHERE), Reason.MALFORMED_PAYLOAD, probeId, "String length 1500000000 exceeds maximum allowed");
    }

    @Test
    void aWriterSchemaTheReaderCannotRead() {
        int otherId = registry.register("bad-bytes-other-value", OTHER);
        GenericData.Record other = new GenericData.Record(OTHER);
        other.put("a", 42L);
        byte[] bytes = new ConfluentAvroEncoder().encode(otherId, OTHER, other);
        assertFails(() -> probeDecoder.decode(bytes, WHERE), Reason.INCOMPATIBLE_WRITER_SCHEMA, otherId, "it.Other", "Probe");

        var specific = new ConfluentAvroDecoder(registry, ReaderSchemas.specific());
        assertFails(() -> specific.decode(bytes, WHERE), Reason.INCOMPATIBLE_WRITER_SCHEMA, otherId, "no generated class for it.Other");
    }

    @Test
    void aKafkaConsumerReportsTopicPartitionAndOffset() {
        String kafka = TestStack.shared().kafkaBootstrapServers();
        String topic = KafkaIo.uniqueTopic("poison");
        KafkaIo.createTopic(kafka, topic, 1);
        KafkaIo.produceRaw(kafka, topic, "AAPL", List.of(valid, "garbage".getBytes(StandardCharsets.UTF_8)));
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", TestStack.shared().schemaRegistryUrl(),
                "specific.avro.reader", true), false);
        assertThatThrownBy(() -> KafkaIo.consume(kafka, topic, 2, deserializer))
                .isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                    assertThat(e.topicPartition().topic()).isEqualTo(topic);
                    assertThat(e.offset()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOfSatisfying(WireFormatException.class, cause -> {
                        assertThat(cause.reason()).isEqualTo(Reason.BAD_MAGIC_BYTE);
                        assertThat(cause.topic()).isEqualTo(topic);
                    });
                });
    }
}
