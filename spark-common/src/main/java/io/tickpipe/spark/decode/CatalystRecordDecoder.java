package io.tickpipe.spark.decode;

import io.tickpipe.wire.RecordPosition;
import io.tickpipe.wire.WireFormat;
import io.tickpipe.wire.WireFormatException;
import io.tickpipe.wire.WireFormatException.Reason;
import io.tickpipe.wire.WriterResolution;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.registry.SchemaRegistryException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns Confluent wire-format values into Catalyst rows of one reader schema: the work of Spark's
 * {@code from_avro} (GenericDatumReader, then Spark's AvroDeserializer) plus the header, the writer
 * schema looked up by id, and a verdict instead of an exception for bad bytes.
 *
 * <p>avro-wire's {@code ConfluentAvroDecoder} is not reused because it builds generated classes
 * (with {@code Instant}s for timestamps) where Spark's deserializer needs generic records, and it
 * allocates a record per call; both share {@link WriterResolution} for the resolution and the body.
 *
 * <p>A checking decoder ({@link #checking}) judges each value exactly as the decoding one does and
 * builds no record: for a topic whose records nobody needs, only whether they decode (for the dead
 * letters). It runs the very same steps up to the verdict (header, writer schema by id, resolution
 * against the real reader schema, the resolving read of the body, nothing left over) and leaves
 * out only the conversion to a Catalyst row, which comes after the verdict. It does not skip the
 * body with Avro's skip methods: those judge some bytes differently from a read (a negative or
 * over-long string length, an array block's byte count), and a record must not be a dead letter
 * in one mode and good in the other.
 *
 * <p>One instance per task: buffers and the result row are reused, as in {@code from_avro}, so it
 * is not thread-safe and a result is valid until the next call.
 */
final class CatalystRecordDecoder {
    static {
        // avro-wire caps the lengths Avro may allocate (so garbage cannot end the executor with an
        // OutOfMemoryError) in ConfluentAvroDecoder's initializer; initialising that class applies the
        // same caps before our first decode.
        try {
            Class.forName("io.tickpipe.wire.ConfluentAvroDecoder", true, CatalystRecordDecoder.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final String UNLABELLED = RecordPosition.UNKNOWN.toString();

    private final IntFunction<Schema> writerSchemas;
    private final Schema reader;
    /** Null for a checking decoder: its outcome rows carry no record. */
    private final AvroDeserializer deserializer;
    private final Map<Integer, Resolution> resolutions = new HashMap<>();
    private final GenericInternalRow decoded = new GenericInternalRow(DecodeOutcome.FIELDS);
    private BinaryDecoder binaryDecoder;
    private Object datum;
    private int lastSchemaId;
    private Resolution lastResolution;
    private WireFormatException pendingFailure;

    private CatalystRecordDecoder(IntFunction<Schema> writerSchemas, Schema reader, AvroDeserializer deserializer) {
        this.writerSchemas = writerSchemas;
        this.reader = reader;
        this.deserializer = deserializer;
    }

    /**
     * Decodes into rows of {@code recordType}, the Spark type of {@code reader}. The writer schemas
     * come from {@code writerSchemas}, which answers as {@link SchemaRegistryClient#schemaById} does
     * (and fails as it does, with a 404 {@link SchemaRegistryException}, for an id it does not know).
     */
    static CatalystRecordDecoder decoding(IntFunction<Schema> writerSchemas, Schema reader, StructType recordType) {
        // CORRECTED: our timestamps are proleptic Gregorian (java.time), nothing to rebase or check.
        return new CatalystRecordDecoder(writerSchemas, reader, new AvroDeserializer(reader, recordType, "CORRECTED", false));
    }

    /** Judges values as {@link #decoding} does, with outcome rows whose record is always null. */
    static CatalystRecordDecoder checking(IntFunction<Schema> writerSchemas, Schema reader) {
        return new CatalystRecordDecoder(writerSchemas, reader, null);
    }

    /**
     * The outcome row (see {@link DecodeOutcome}) of one decodable Kafka value, or null when the value
     * cannot be decoded: then {@link #failure} labels the error with the record's position. Split in
     * two so that the position columns are read only for bad records. A registry that cannot be
     * reached is not the record's fault: its exception propagates.
     */
    InternalRow decode(byte[] value) {
        try {
            return decoded(value);
        } catch (WireFormatException e) {
            pendingFailure = e;
            return null;
        }
    }

    /** The outcome row of the value the last {@link #decode} could not decode. */
    InternalRow failure(UTF8String topic, int partition, long offset) {
        RecordPosition position = new RecordPosition(topic == null ? null : topic.toString(), partition, offset);
        String message = pendingFailure.getMessage();
        String labelled = position + (message.startsWith(UNLABELLED) ? message.substring(UNLABELLED.length()) : ": " + message);
        return DecodeOutcome.failed(pendingFailure.schemaId() >= 0 ? pendingFailure.schemaId() : null,
                pendingFailure.reason(), labelled);
    }

    private InternalRow decoded(byte[] value) {
        if (value == null) {
            throw unreadable(Reason.TRUNCATED_HEADER, "null value (a tombstone): there is no record to decode", -1, null);
        }
        int schemaId = WireFormat.schemaId(value, RecordPosition.UNKNOWN);
        Resolution resolution = lastResolution;
        if (schemaId != lastSchemaId || resolution == null) {
            // Most records of a task share one id: only a change of id costs a map lookup.
            resolution = resolutions.computeIfAbsent(schemaId, this::resolve);
            lastSchemaId = schemaId;
            lastResolution = resolution;
        }
        if (resolution.failure != null) {
            throw unreadable(resolution.failure, resolution.detail, schemaId, null);
        }
        int length = value.length - WireFormat.HEADER_LENGTH;
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_LENGTH, length, binaryDecoder);
        binaryDecoder = in;
        datum = WriterResolution.readBody(resolution.reader, datum, in, length, resolution.detail,
                RecordPosition.UNKNOWN, schemaId);
        decoded.update(0, resolution.schemaId);
        if (deserializer != null) {
            decoded.update(1, deserializer.deserialize(datum).get());
        }
        return decoded;
    }

    private Resolution resolve(int schemaId) {
        Schema writer;
        try {
            writer = writerSchemas.apply(schemaId);
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            // Remembered for this task only: the next task asks the registry again.
            return Resolution.failed(schemaId, Reason.UNKNOWN_SCHEMA_ID, "the schema registry has no schema with this id");
        }
        Optional<String> incompatibility = WriterResolution.incompatibility(reader, writer);
        if (incompatibility.isPresent()) {
            return Resolution.failed(schemaId, Reason.INCOMPATIBLE_WRITER_SCHEMA, incompatibility.get());
        }
        return new Resolution(schemaId, BodyReaders.of(writer, reader), null, writer.getFullName());
    }

    private static WireFormatException unreadable(Reason reason, String detail, int schemaId, Throwable cause) {
        return new WireFormatException(reason, detail, RecordPosition.UNKNOWN, schemaId, cause);
    }

    /**
     * What a schema id resolves to: a reader (detail = writer name), or why it cannot be read (detail
     * = why). The id is kept boxed so that a good record costs no allocation for it.
     */
    private record Resolution(Integer schemaId, GenericDatumReader<Object> reader, Reason failure, String detail) {
        static Resolution failed(int schemaId, Reason reason, String why) {
            return new Resolution(schemaId, null, reason, why);
        }
    }
}
