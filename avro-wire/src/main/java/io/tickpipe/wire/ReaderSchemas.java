package io.tickpipe.wire;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/**
 * Which schema a decoder reads into, given the writer schema of a record. Confluent's deserializer
 * offers the first two ({@code specific.avro.reader=false/true}); the third is what a job with one
 * fixed output type, such as a Spark query, needs.
 */
public sealed interface ReaderSchemas {
    /** The reader schema for records written with {@code writer}. */
    Schema readerFor(Schema writer);

    /** The data model that builds the decoded objects (generic records, or generated classes). */
    GenericData modelFor(Schema reader);

    /** Reads with the writer's own schema into GenericRecords. */
    static ReaderSchemas generic() {
        return new Generic();
    }

    /** Reads into the generated class named like the writer schema, as it is on this classpath. */
    static ReaderSchemas specific() {
        return new Specific();
    }

    /** Reads every record into this one schema (generated class if there is one, else generic). */
    static ReaderSchemas fixed(Schema reader) {
        return new Fixed(reader);
    }

    record Generic() implements ReaderSchemas {
        @Override
        public Schema readerFor(Schema writer) {
            return writer;
        }

        @Override
        public GenericData modelFor(Schema reader) {
            return GenericData.get();
        }
    }

    record Specific() implements ReaderSchemas {
        @Override
        public Schema readerFor(Schema writer) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new IllegalStateException("no generated class for " + writer.getFullName() + " on the classpath");
            }
            return SpecificData.get().getSchema(generated);
        }

        @Override
        public GenericData modelFor(Schema reader) {
            return SpecificData.getForSchema(reader);
        }
    }

    record Fixed(Schema reader) implements ReaderSchemas {
        @Override
        public Schema readerFor(Schema writer) {
            return reader;
        }

        @Override
        public GenericData modelFor(Schema schema) {
            return SpecificData.get().getClass(schema) != null ? SpecificData.getForSchema(schema) : GenericData.get();
        }
    }
}
