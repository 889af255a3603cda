package io.tickpipe.wire;

import io.tickpipe.wire.WireFormatException.Reason;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.registry.SchemaRegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Confluent wire-format bytes: the writer schema comes from the registry by the id in the
 * header and is resolved to the reader schema, so every compatible version of a record decodes into
 * the same type. Every way the bytes can be wrong ends in a {@link WireFormatException}; a registry
 * that cannot be reached raises {@link io.tickpipe.wire.registry.RegistryUnavailableException}.
 * Thread-safe.
 */
public final class ConfluentAvroDecoder {
    static {
        AvroDecodeLimits.applyDefaults();
    }

    private final IntFunction<Schema> writerSchemas;
    private final ReaderSchemas readerSchemas;
    private final Map<Integer, Resolution> resolutions = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public ConfluentAvroDecoder(SchemaRegistryClient registry, ReaderSchemas readerSchemas) {
        this(registry::schemaById, readerSchemas);
    }

    /**
     * Takes the writer schemas from {@code writerSchemas} instead of a registry client; it answers as
     * {@link SchemaRegistryClient#schemaById} does, and fails as it does for an id it does not know
     * (a {@link SchemaRegistryException} with status 404). For the decoder's fuzz target: millions of
     * decodes a minute cannot each go through HTTP to a registry.
     */
    ConfluentAvroDecoder(IntFunction<Schema> writerSchemas, ReaderSchemas readerSchemas) {
        this.writerSchemas = writerSchemas;
        this.readerSchemas = readerSchemas;
    }

    /** Decodes one record; {@code position} only labels errors. */
    @SuppressWarnings("unchecked")
    public <T> T decode(byte[] data, RecordPosition position) {
        int schemaId = WireFormat.schemaId(data, position);
        Resolution resolution = resolutions.get(schemaId);
        if (resolution == null) {
            resolution = resolve(schemaId, position);
            resolutions.putIfAbsent(schemaId, resolution);
        }
        if (resolution.failure != null) {
            throw new WireFormatException(Reason.INCOMPATIBLE_WRITER_SCHEMA, resolution.failure, position, schemaId, null);
        }
        BinaryDecoder reused = decoders.get();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, reused);
        if (decoder != reused) {
            decoders.set(decoder);
        }
        Object record = WriterResolution.readBody(resolution.reader, null, decoder,
                data.length - WireFormat.HEADER_LENGTH, resolution.writerName, position, schemaId);
        return (T) record;
    }

    private Resolution resolve(int schemaId, RecordPosition position) {
        Schema writer;
        try {
            writer = writerSchemas.apply(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new WireFormatException(Reason.UNKNOWN_SCHEMA_ID, "the schema registry has no schema with this id",
                        position, schemaId, e);
            }
            throw e;
        }
        Schema reader;
        try {
            reader = readerSchemas.readerFor(writer);
        } catch (RuntimeException e) {
            return Resolution.failed(writer.getFullName() + ": " + e.getMessage());
        }
        Optional<String> incompatibility = WriterResolution.incompatibility(reader, writer);
        if (incompatibility.isPresent()) {
            return Resolution.failed(incompatibility.get());
        }
        @SuppressWarnings("unchecked")
        GenericDatumReader<Object> datumReader = (GenericDatumReader<Object>) readerSchemas.modelFor(reader)
                .createDatumReader(writer, reader);
        return new Resolution(datumReader, writer.getFullName(), null);
    }

    /** What a schema id resolves to: a reader, or why records with that id cannot be read. */
    private record Resolution(GenericDatumReader<Object> reader, String writerName, String failure) {
        static Resolution failed(String why) {
            return new Resolution(null, null, why);
        }
    }
}
