package io.tickpipe.batch.archive;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes table rows into the archive, replacing the folders of their dates and no other. */
public final class ArchiveWriter {

    private ArchiveWriter() {
    }

    /**
     * Writes {@code rows} ({@link ArchiveTable#schema()}'s columns) into {@code table}'s folder as
     * Parquet, one folder per {@link ArchiveTable#EVENT_DATE}, laid out by {@link ArchiveRows#laidOut}.
     * Each date's folder is replaced as a whole (Spark's dynamic partition overwrite, set for this
     * write alone); the folders of dates without rows are not touched.
     */
    public static void replaceDays(Dataset<Row> rows, ArchiveTable table, String archiveDir) {
        ArchiveRows.laidOut(rows).write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy(ArchiveTable.EVENT_DATE)
                .parquet(table.path(archiveDir));
    }
}
