package io.tickpipe.batch.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the archive {@link Archive} writes, as the other inputs give trades and quotes: the record's
 * fields in the reader schema's order (the decoded Kafka records' columns), nothing else.
 *
 * <p>The files are read with the table's schema given, not inferred: a missing archive, an empty one
 * and one without a date in the range all read as an empty Dataset (the caller decides whether
 * nothing to read is an error), and files written before a field was added to the schema read it as
 * null.
 */
public final class ArchiveReader {

    private ArchiveReader() {
    }

    /** The archived trades with {@code from <= event_time < to}; either bound may be null (open). */
    public static Dataset<Row> trades(SparkSession spark, String archiveDir, Instant from, Instant to) {
        return records(spark, archiveDir, ArchiveTable.TRADES, from, to);
    }

    /** The archived quotes with {@code from <= event_time < to}; either bound may be null (open). */
    public static Dataset<Row> quotes(SparkSession spark, String archiveDir, Instant from, Instant to) {
        return records(spark, archiveDir, ArchiveTable.QUOTES, from, to);
    }

    /**
     * {@code table}'s records in [{@code from}, {@code to}): only the dates' folders that can hold
     * them are read (partition pruning on {@link ArchiveTable#EVENT_DATE}), then event times are
     * filtered exactly.
     */
    public static Dataset<Row> records(SparkSession spark, String archiveDir, ArchiveTable table, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the range's start " + from + " must be before its end " + to);
        }
        Dataset<Row> rows = table(spark, archiveDir, table);
        Column time = col(ArchiveTable.EVENT_TIME);
        if (from != null) {
            rows = rows.where(col(ArchiveTable.EVENT_DATE).geq(lit(utcDate(from))).and(time.geq(lit(from))));
        }
        if (to != null) {
            // The last date that can hold a time before `to`.
            rows = rows.where(col(ArchiveTable.EVENT_DATE).leq(lit(utcDate(to.minusNanos(1)))).and(time.lt(lit(to))));
        }
        return rows.select(table.recordFields().stream().map(f -> col(f)).toArray(Column[]::new));
    }

    /** Every row of {@code table} with all its columns ({@link ArchiveTable#schema()}); empty when the folder is missing. */
    static Dataset<Row> table(SparkSession spark, String archiveDir, ArchiveTable table) {
        String path = table.path(archiveDir);
        if (!exists(spark, path)) {
            return spark.createDataFrame(List.of(), table.schema());
        }
        return spark.read().schema(table.schema()).parquet(path);
    }

    private static boolean exists(SparkSession spark, String path) {
        Path folder = new Path(path);
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the archive at " + path + ": " + e.getMessage(), e);
        }
    }

    private static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
