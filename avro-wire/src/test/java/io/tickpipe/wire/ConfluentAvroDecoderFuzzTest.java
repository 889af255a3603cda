package io.tickpipe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickpipe.wire.registry.SchemaRegistryException;
import io.tickpipe.wire.test.Probe;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Fuzz target of {@link ConfluentAvroDecoder}, what {@link io.tickpipe.wire.kafka.KafkaAvroDeserializer}
 * decodes a Kafka key or value with: any bytes as a record. Decoding ends in a record or a
 * {@link WireFormatException} naming the record and the reason, nothing else; a record read with its
 * own schema encodes back to bytes that decode to an equal record. Any other exception, a hang or
 * unbounded memory (a length the bytes announce allocated as it is) is a finding.
 *
 * <p>Each input is decoded twice, into generated classes (as with {@code specific.avro.reader=true})
 * and into GenericRecords of the writer schema (the default).
 *
 * <p>The registry here is a stand-in that serves fixed schemas by id: a fake of
 * {@link io.tickpipe.wire.registry.SchemaRegistryClient#schemaById}, acceptable in this fuzz target
 * only, because a fuzzer runs millions of decodes a minute and they cannot each go through HTTP to a
 * registry (every other test of the decoder runs against a real registry). It knows id 1 (Probe), 2
 * (an older Probe that lacks the last two fields, read with their defaults) and 3 (a record no Probe
 * reader can read); for any other id it fails as the client does, with a 404.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/wire/ConfluentAvroDecoderFuzzTestInputs/decode/}; {@code make
 * fuzz} fuzzes it (docs/testing.md#fuzzing).
 */
class ConfluentAvroDecoderFuzzTest {
    static final int PROBE_ID = 1;
    static final int OLDER_PROBE_ID = 2;
    static final int OTHER_ID = 3;
    static final Schema OLDER_PROBE = new Schema.Parser().parse("""
            {"type": "record", "name": "Probe", "namespace": "io.tickpipe.wire.test", "fields": [
              {"name": "symbol", "type": "string"},
              {"name": "price", "type": "double"},
              {"name": "count", "type": "long"},
              {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-micros"}}
            ]}""");
    static final Schema OTHER = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"it\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");
    private static final RecordPosition WHERE = new RecordPosition("market.trades", 2, 41);

    private static final ConfluentAvroDecoder SPECIFIC = new ConfluentAvroDecoder(ConfluentAvroDecoderFuzzTest::schemaById,
            ReaderSchemas.specific());
    private static final ConfluentAvroDecoder GENERIC = new ConfluentAvroDecoder(ConfluentAvroDecoderFuzzTest::schemaById,
            ReaderSchemas.generic());
    private static final ConfluentAvroEncoder ENCODER = new ConfluentAvroEncoder();

    /** The stand-in registry. */
    static Schema schemaById(int id) {
        return switch (id) {
            case PROBE_ID -> Probe.getClassSchema();
            case OLDER_PROBE_ID -> OLDER_PROBE;
            case OTHER_ID -> OTHER;
            default -> throw new SchemaRegistryException("schema registry GET /schemas/ids/" + id
                    + " answered HTTP 404 (error 40403): Schema " + id + " not found", 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        };
    }

    @FuzzTest
    void decode(byte[] value) {
        Object specific = decodeOrRefuse(SPECIFIC, value);
        if (specific != null) {
            assertThat(specific).isInstanceOf(Probe.class);
            byte[] again = ENCODER.encode(PROBE_ID, Probe.getClassSchema(), specific);
            assertThat((Object) SPECIFIC.decode(again, WHERE)).isEqualTo(specific);
        }
        Object generic = decodeOrRefuse(GENERIC, value);
        if (generic != null) {
            int id = WireFormat.schemaId(value, WHERE);
            assertThat(((GenericRecord) generic).getSchema()).isEqualTo(schemaById(id));
            assertThat(specific != null).as("the generic reader reads what the specific one does").isEqualTo(id != OTHER_ID);
        }
    }

    /** The record, or null when the decoder refused the bytes as its Javadoc says. */
    private static Object decodeOrRefuse(ConfluentAvroDecoder decoder, byte[] value) {
        try {
            return decoder.decode(value, WHERE);
        } catch (WireFormatException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.topic()).isEqualTo(WHERE.topic());
            assertThat(e.getMessage()).startsWith(WHERE + (e.schemaId() >= 0 ? " schema id " + e.schemaId() : "") + ": "
                    + e.reason() + ": ");
            return null;
        }
    }
}
