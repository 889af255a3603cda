package io.tickpipe.batch.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One record of a table as the tests compare them, whoever read it: its UTC event date, where Kafka
 * holds it, and its fields' values in the reader schema's order in plain Java types (text as String,
 * times as epoch microseconds, arrays as lists).
 */
record ArchivedRecord(ArchiveTable table, LocalDate date, int partition, long offset, List<Object> values) {

    /** The value of {@code field}. */
    Object value(String field) {
        return values.get(table.recordFields().indexOf(field));
    }

    long eventMicros() {
        return (Long) value(ArchiveTable.EVENT_TIME);
    }

    Instant eventTime() {
        return Instant.EPOCH.plus(eventMicros(), ChronoUnit.MICROS);
    }

    static LocalDate utcDate(long eventMicros) {
        return LocalDate.ofInstant(Instant.EPOCH.plus(eventMicros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** A value of an Avro record, of DuckDB or of Spark, in the plain type all three compare in. */
    static Object plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Instant instant) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return plain(timestamp.toInstant());
        }
        if (value instanceof java.sql.Array array) {
            try {
                return plain(Arrays.asList((Object[]) array.getArray()));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return plain(scala.collection.JavaConverters.seqAsJavaList(seq));
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>();
            list.forEach(v -> plain.add(plain(v)));
            return plain;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value;
        }
        throw new IllegalArgumentException("no plain form for a " + value.getClass().getName() + ": " + value);
    }
}
