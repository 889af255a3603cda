package io.tickpipe.spark.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;

/**
 * The Avro readers {@link CatalystRecordDecoder} reads record bodies with, made for what Spark's
 * {@code AvroDeserializer} does next rather than for Java code:
 * <ul>
 *   <li>strings as Avro's {@code Utf8}, whose bytes the deserializer copies as they are, instead of
 *       {@code java.lang.String} (the {@code avro.java.string} property generated classes carry),
 *       which would decode every string from UTF-8 only for the deserializer to encode it again; a
 *       record read into a reused one also reuses its {@code Utf8}s;</li>
 *   <li>Avro's fast reader, which resolves the writer schema to the reader schema once, when the
 *       reader is built, instead of walking the resolution grammar for every record;</li>
 *   <li>a model of their own without logical-type conversions: the deserializer wants timestamps as
 *       longs, and conversions other code registers on {@code GenericData.get()} must not apply.</li>
 * </ul>
 * The records hold the same values either way; only strings that are not valid UTF-8 differ: they
 * keep their bytes instead of becoming replacement characters.
 */
final class BodyReaders {
    private static final GenericData MODEL = new GenericData().setFastReaderEnabled(true);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Keyed by the reader schema as given, so that every task's reader of one schema pair is the same
     * pair of schema objects, whose compiled reader the fast reader keeps (by identity).
     */
    private static final Map<Schema, Schema> UTF8_READERS = new ConcurrentHashMap<>();

    private BodyReaders() {
    }

    /** A reader of bodies written with {@code writer} into {@code reader}'s generic records. */
    static GenericDatumReader<Object> of(Schema writer, Schema reader) {
        return new GenericDatumReader<>(writer, UTF8_READERS.computeIfAbsent(reader, BodyReaders::withUtf8Strings), MODEL);
    }

    /** {@code schema} without the {@code avro.java.string} property anywhere in it. */
    static Schema withUtf8Strings(Schema schema) {
        try {
            JsonNode json = JSON.readTree(schema.toString());
            removeJavaStringType(json);
            return new Schema.Parser().parse(json.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro wrote a schema Jackson cannot read: " + schema.getFullName(), e);
        }
    }

    private static void removeJavaStringType(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(GenericData.STRING_PROP);
        }
        // The values of an object, the elements of an array, nothing for a scalar.
        node.forEach(BodyReaders::removeJavaStringType);
    }
}
