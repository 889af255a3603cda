package io.tickpipe.wire.kafka;

import io.tickpipe.wire.ConfluentAvroDecoder;
import io.tickpipe.wire.ReaderSchemas;
import io.tickpipe.wire.RecordPosition;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for the Confluent wire format, a drop-in for
 * {@code io.confluent.kafka.serializers.KafkaAvroDeserializer}: with {@code specific.avro.reader=true}
 * records come back as the generated class (older compatible versions resolved to it), otherwise as
 * GenericRecords of the writer schema. A null value (a tombstone) stays null; bad bytes raise
 * {@link io.tickpipe.wire.WireFormatException} naming the topic (Kafka's consumer adds partition and
 * offset when it wraps it in a RecordDeserializationException).
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {
    private ConfluentAvroDecoder decoder;
    // Kafka calls a deserializer from its consumer's thread only; topics rarely change between records.
    private RecordPosition position = RecordPosition.UNKNOWN;

    public KafkaAvroDeserializer() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        decoder = new ConfluentAvroDecoder(SchemaRegistryClient.shared(config.registry()),
                config.specificReader() ? ReaderSchemas.specific() : ReaderSchemas.generic());
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (decoder == null) {
            throw new IllegalStateException("KafkaAvroDeserializer used before configure()");
        }
        if (position.topic() != topic) {
            position = RecordPosition.of(topic);
        }
        return decoder.decode(data, position);
    }
}
