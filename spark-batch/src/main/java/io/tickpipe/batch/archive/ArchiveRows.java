package io.tickpipe.batch.archive;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_micros;

import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The archive's transformations, pure functions of Datasets (Kafka-shaped rows in, table rows out),
 * testable without Kafka: decoding both topics in one pass, choosing the records of the archived
 * dates, and laying a table's rows out for writing.
 */
public final class ArchiveRows {

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final ArchiveTable[] TABLES = ArchiveTable.values();

    private ArchiveRows() {
    }

    /**
     * The rows of both topics decoded in one pass through the registry, as the backfill decodes:
     * {@code topic}, {@code partition}, {@code offset}, {@code timestamp}, {@code error_reason} (null
     * when decoded) and, per table, a column named as the table holding the decoded record on that
     * topic's rows (null elsewhere). Rows of other topics are left out.
     */
    public static Dataset<Row> decode(Dataset<Row> kafkaRows, KafkaSettings kafka, Map<String, String> registryConfig) {
        List<ConfluentAvroDecode.TopicReader> readers = new ArrayList<>();
        List<Column> columns = new ArrayList<>(List.of(col("topic"), col("partition"), col("offset"), col("timestamp"),
                col(ConfluentAvroDecode.ERROR_REASON)));
        for (ArchiveTable table : TABLES) {
            readers.add(new ConfluentAvroDecode.TopicReader(table.topic(kafka), table.readerSchema(), table.tableName()));
            columns.add(col(table.tableName()));
        }
        return ConfluentAvroDecode.decodeByTopic(kafkaRows, readers, registryConfig).select(columns.toArray(Column[]::new));
    }

    /**
     * Of {@link #decode}'s rows, those an archive of [{@code start}, {@code end}) needs: the decoded
     * records whose event time is in the range, and every undecodable one (to be counted: with no
     * event time, it cannot be placed in a date).
     */
    public static Dataset<Row> inRangeOrUndecodable(Dataset<Row> decoded, Instant start, Instant end) {
        Column eventTime = coalesce(java.util.Arrays.stream(TABLES)
                .map(t -> col(t.tableName()).getField(ArchiveTable.EVENT_TIME)).toArray(Column[]::new));
        return decoded.where(ConfluentAvroDecode.failed().or(inRange(eventTime, start, end)));
    }

    /**
     * {@code table}'s decoded records among {@link #decode}'s rows (those whose event time is in
     * [{@code start}, {@code end})), with the table's columns: the record's fields, where it was read
     * ({@link ArchiveTable#KAFKA_PARTITION}, {@link ArchiveTable#KAFKA_OFFSET}) and its
     * {@link ArchiveTable#EVENT_DATE}.
     */
    public static Dataset<Row> records(Dataset<Row> decoded, ArchiveTable table, Instant start, Instant end) {
        List<Column> columns = new ArrayList<>();
        for (String field : table.recordFields()) {
            columns.add(col(table.tableName()).getField(field).as(field));
        }
        columns.add(col("partition").as(ArchiveTable.KAFKA_PARTITION));
        columns.add(col("offset").as(ArchiveTable.KAFKA_OFFSET));
        columns.add(eventDate(col(table.tableName()).getField(ArchiveTable.EVENT_TIME)).as(ArchiveTable.EVENT_DATE));
        return decoded.where(col(table.tableName()).isNotNull())
                .select(columns.toArray(Column[]::new))
                .where(inRange(col(ArchiveTable.EVENT_TIME), start, end));
    }

    /**
     * Table rows as the archive's files hold them: each date's rows in one task (so in one file, not
     * one per Kafka partition), sorted by symbol, event time and sequence, then by where they were
     * read, so that the order is total and a run again writes the same files.
     */
    public static Dataset<Row> laidOut(Dataset<Row> rows) {
        return rows.repartition(col(ArchiveTable.EVENT_DATE))
                .sortWithinPartitions(col(ArchiveTable.EVENT_DATE), col("symbol"), col(ArchiveTable.EVENT_TIME),
                        col("sequence"), col(ArchiveTable.KAFKA_PARTITION), col(ArchiveTable.KAFKA_OFFSET));
    }

    /**
     * The UTC date of a timestamp, whatever the session's time zone ({@code to_date} would take that
     * zone's date): whole days since the epoch, rounded down.
     */
    public static Column eventDate(Column timestamp) {
        Column micros = unix_micros(timestamp);
        return date_from_unix_date(micros.minus(pmod(micros, lit(MICROS_PER_DAY))).divide(lit(MICROS_PER_DAY)).cast("int"));
    }

    private static Column inRange(Column time, Instant start, Instant end) {
        return time.geq(lit(start)).and(time.lt(lit(end)));
    }
}
