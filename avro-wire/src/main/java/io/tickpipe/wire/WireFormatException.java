package io.tickpipe.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception for bytes that are not a decodable Confluent-format Avro record. It says which
 * record ({@link #topic()}, {@link #partition()}, {@link #offset()}; -1 where the caller did not know
 * them, as inside a plain Kafka deserializer) and why ({@link #reason()}), so a dead-letter writer can
 * file the record without parsing messages.
 *
 * <p>It extends Kafka's {@link SerializationException} as Confluent's deserializer errors do. A
 * registry that cannot be reached is not a bad record and raises
 * {@link io.tickpipe.wire.registry.RegistryUnavailableException} instead.
 */
public class WireFormatException extends SerializationException {
    /** Why the bytes could not be decoded. */
    public enum Reason {
        /** Fewer than the 5 header bytes (magic byte and schema id). */
        TRUNCATED_HEADER,
        /** Byte 0 is not the Confluent magic byte 0. */
        BAD_MAGIC_BYTE,
        /** The registry has no schema with the id in bytes 1-4. */
        UNKNOWN_SCHEMA_ID,
        /** The Avro body ends before the writer schema's last field. */
        TRUNCATED_PAYLOAD,
        /** The Avro body is not valid for the writer schema (invalid values, or bytes left over). */
        MALFORMED_PAYLOAD,
        /** The writer schema cannot be resolved to the reader schema (a different or incompatible record). */
        INCOMPATIBLE_WRITER_SCHEMA,
        /** A value could not be encoded with the schema it claims. */
        NOT_SERIALIZABLE
    }

    private final Reason reason;
    private final String topic;
    private final int partition;
    private final long offset;
    private final int schemaId;

    public WireFormatException(Reason reason, String detail, RecordPosition position, int schemaId, Throwable cause) {
        super(position + (schemaId >= 0 ? " schema id " + schemaId : "") + ": " + reason + ": " + detail, cause);
        this.reason = reason;
        this.topic = position.topic();
        this.partition = position.partition();
        this.offset = position.offset();
        this.schemaId = schemaId;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The schema id read from the header, or -1 when the header itself was bad. */
    public int schemaId() {
        return schemaId;
    }
}
