package io.tickpipe.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a record in the Confluent wire format for a schema id the caller already has. Knows
 * nothing of registries or Kafka, so the producer, the Spark jobs and the benchmarks share it.
 * Thread-safe: buffers are per thread, writers per schema.
 */
public final class ConfluentAvroEncoder {
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    /**
     * @param record a SpecificRecord or GenericRecord of {@code schema}
     */
    public byte[] encode(int schemaId, Schema schema, Object record) {
        DatumWriter<Object> writer = writers.computeIfAbsent(schema, ConfluentAvroEncoder::newWriter);
        Buffers reused = buffers.get();
        try {
            BinaryEncoder encoder = reused.encoder;
            reused.out.reset();
            WireFormat.writeHeader(reused.out, schemaId);
            writer.write(record, encoder);
            encoder.flush();
            return reused.out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // A half-written record may sit in the encoder's buffer: start the next one afresh.
            buffers.remove();
            throw new WireFormatException(WireFormatException.Reason.NOT_SERIALIZABLE,
                    "cannot encode " + describe(record) + " with schema " + schema.getFullName() + ": " + e,
                    RecordPosition.UNKNOWN, schemaId, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> newWriter(Schema schema) {
        // SpecificData finds the generated class's model (with its logical-type conversions) when
        // there is one, and writes GenericRecords by position otherwise.
        return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }

    private static String describe(Object record) {
        return record == null ? "null" : record.getClass().getSimpleName();
    }

    /**
     * One stream and one encoder on it for all the thread's records: each record is flushed out of
     * the encoder whole, so it needs no reconfiguring (which would wrap the stream anew every time).
     */
    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    }
}
