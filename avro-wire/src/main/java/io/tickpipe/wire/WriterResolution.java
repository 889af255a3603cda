package io.tickpipe.wire;

import io.tickpipe.wire.WireFormatException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;

/**
 * Reading a record written with one schema as another: whether the reader can, and reading one
 * Confluent-format body with the resolving reader, every failure a {@link WireFormatException}.
 * Shared by {@link ConfluentAvroDecoder} and the Spark decoder, which differ only in the record
 * model they read into and in what they cache.
 */
public final class WriterResolution {

    private WriterResolution() {
    }

    /** Why {@code reader} cannot read what {@code writer} wrote, or empty when it can. */
    public static Optional<String> incompatibility(Schema reader, Schema writer) {
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (compatibility.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of("writer schema " + writer.getFullName() + " cannot be read as " + reader.getFullName()
                + ": " + compatibility.getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.joining("; ")));
    }

    /**
     * Reads the body after the header, which {@code decoder} was set to, into {@code reuse} (may be
     * null) and checks nothing is left over; {@code writerName}, {@code position} and
     * {@code schemaId} label the failures.
     */
    public static Object readBody(GenericDatumReader<Object> reader, Object reuse, BinaryDecoder decoder, int bodyLength,
                                  String writerName, RecordPosition position, int schemaId) {
        Object record;
        try {
            record = reader.read(reuse, decoder);
        } catch (EOFException e) {
            throw new WireFormatException(Reason.TRUNCATED_PAYLOAD, "Avro body of " + bodyLength
                    + " bytes ends before the last field of " + writerName, position, schemaId, e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(Reason.MALFORMED_PAYLOAD, "not valid Avro of " + writerName + ": " + e,
                    position, schemaId, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(Reason.MALFORMED_PAYLOAD, "bytes left over after a complete "
                        + writerName + ": not written with this schema", position, schemaId, null);
            }
        } catch (IOException e) {
            throw new WireFormatException(Reason.MALFORMED_PAYLOAD, e.toString(), position, schemaId, e);
        }
        return record;
    }
}
