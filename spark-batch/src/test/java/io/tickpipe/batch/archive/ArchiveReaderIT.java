package io.tickpipe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.MarketCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArchiveReader} over an archive of three dates, against the records a plain Kafka consumer
 * reads from the topics: exactly the records of each range, bounds open or closed, a record exactly
 * at a bound included at the start and left out at the end; only the dates' folders read.
 */
class ArchiveReaderIT {

    private static final LocalDate D1 = LocalDate.parse("2026-03-01");
    private static final LocalDate D3 = LocalDate.parse("2026-03-03");
    private static final Instant MIDNIGHT_2 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant MIDNIGHT_3 = Instant.parse("2026-03-03T00:00:00Z");

    @Test
    void readsExactlyTheRecordsOfARange(@TempDir Path dir) throws Exception {
        ArchiveStack stack = new ArchiveStack("archivereader", dir);
        Path archive = dir.resolve("archive");
        List<String> symbols = List.of("AAPL", "MSFT");
        MarketCsv d1d2 = MarketCsv.write(dir, 51, symbols, Instant.parse("2026-03-01T23:59:58Z"), 4, 4);
        MarketCsv d2d3 = MarketCsv.write(dir, 52, symbols, Instant.parse("2026-03-02T23:59:58Z"), 4, 4);
        Path midnights = MarketCsv.trades(dir.resolve("midnights.csv"), "MSFT", List.of(MIDNIGHT_2, MIDNIGHT_3), 99.5);
        stack.replay(d1d2.trades, d1d2.quotes, d2d3.trades, d2d3.quotes, midnights);
        TopicContents kafka = TopicContents.of(stack.fixture);
        assertThat(kafka.records()).extracting(ArchivedRecord::eventTime).as("records exactly at the bounds").contains(MIDNIGHT_2, MIDNIGHT_3);
        stack.archive(D1, D3, archive);
        SparkSession spark = LocalSpark.session();
        String root = archive.toString();

        List<Instant[]> ranges = List.of(
                new Instant[] {MIDNIGHT_2, MIDNIGHT_3},
                new Instant[] {Instant.parse("2026-03-02T23:59:59.500Z"), Instant.parse("2026-03-03T00:00:00.500Z")},
                new Instant[] {null, MIDNIGHT_2.plusNanos(1000)},
                new Instant[] {MIDNIGHT_3, null},
                new Instant[] {null, null});
        for (Instant[] range : ranges) {
            for (ArchiveTable table : ArchiveTable.values()) {
                List<List<Object>> expected = kafka.records().stream()
                        .filter(r -> r.table() == table && inRange(r.eventTime(), range[0], range[1]))
                        .map(ArchivedRecord::values).toList();
                assertThat(expected).as("%s in [%s, %s) in Kafka", table, range[0], range[1]).isNotEmpty();
                Dataset<Row> read = ArchiveReader.records(spark, root, table, range[0], range[1]);
                assertThat(read.columns()).containsExactlyElementsOf(table.recordFields());
                assertThat(values(read)).as("%s in [%s, %s)", table, range[0], range[1]).containsExactlyInAnyOrderElementsOf(expected);
            }
        }

        // No date of the range archived, no archive: empty, with the columns.
        Dataset<Row> none = ArchiveReader.trades(spark, root, Instant.parse("2027-01-01T00:00:00Z"), null);
        assertThat(none.count()).isZero();
        Dataset<Row> missing = ArchiveReader.quotes(spark, dir.resolve("no-archive").toString(), null, null);
        assertThat(missing.columns()).containsExactlyElementsOf(ArchiveTable.QUOTES.recordFields());
        assertThat(missing.count()).isZero();
        assertThatThrownBy(() -> ArchiveReader.trades(spark, root, MIDNIGHT_3, MIDNIGHT_2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MIDNIGHT_3.toString());

        // A file no Parquet reader can read in D1's folder: a range without D1 never opens it.
        Files.writeString(archive.resolve("trades/event_date=2026-03-01/part-99999-unreadable.parquet"), "not parquet");
        assertThat(ArchiveReader.trades(spark, root, MIDNIGHT_2, null).count())
                .isEqualTo(kafka.records().stream().filter(r -> r.table() == ArchiveTable.TRADES && !r.eventTime().isBefore(MIDNIGHT_2)).count());
        assertThatThrownBy(() -> ArchiveReader.trades(spark, root, null, MIDNIGHT_2).count())
                .as("the unreadable file is read when D1 is").hasStackTraceContaining("part-99999-unreadable.parquet");
    }

    private static boolean inRange(Instant time, Instant from, Instant to) {
        return (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
    }

    private static List<List<Object>> values(Dataset<Row> rows) {
        List<List<Object>> values = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            List<Object> fields = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                fields.add(ArchivedRecord.plain(row.get(i)));
            }
            values.add(fields);
        }
        return values;
    }
}
