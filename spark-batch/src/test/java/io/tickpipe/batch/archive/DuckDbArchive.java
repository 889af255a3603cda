package io.tickpipe.batch.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive's Parquet files read with DuckDB, a reader that shares no code with Spark: each row
 * with the file it is in and its position there.
 */
final class DuckDbArchive {

    /** A row of a file: the record, the file's path and the row's number in it (from 0). */
    record FileRow(ArchivedRecord record, String file, long rowNumber) {
    }

    private DuckDbArchive() {
    }

    /** Every row of {@code table}'s files under {@code archiveDir}, in file name and row order; none without files. */
    static List<FileRow> rows(Path archiveDir, ArchiveTable table) {
        Path folder = archiveDir.resolve(table.tableName());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String glob = folder + "/*/*.parquet";
        StringBuilder select = new StringBuilder("SELECT event_date::VARCHAR, kafka_partition, kafka_offset, filename, file_row_number");
        for (String field : table.recordFields()) {
            select.append(", ").append(field.equals(ArchiveTable.EVENT_TIME) ? "epoch_us(event_time)" : field);
        }
        select.append(" FROM read_parquet(?, hive_partitioning = true, filename = true, file_row_number = true)")
                .append(" ORDER BY filename, file_row_number");
        List<FileRow> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = connection.prepareStatement(select.toString())) {
            statement.setString(1, glob);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < table.recordFields().size(); i++) {
                        values.add(ArchivedRecord.plain(result.getObject(6 + i)));
                    }
                    ArchivedRecord record = new ArchivedRecord(table, LocalDate.parse(result.getString(1)), result.getInt(2),
                            result.getLong(3), values);
                    rows.add(new FileRow(record, result.getString(4), result.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read " + glob, e);
        }
        return rows;
    }

    /** The Parquet physical type of {@code column} in {@code file}, and its logical type. */
    static String columnType(String file, String column) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT type || ' ' || coalesce(logical_type::VARCHAR, '') FROM parquet_schema(?) WHERE name = ?")) {
            statement.setString(1, file);
            statement.setString(2, column);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new AssertionError("no column " + column + " in " + file);
                }
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read the schema of " + file, e);
        }
    }
}
