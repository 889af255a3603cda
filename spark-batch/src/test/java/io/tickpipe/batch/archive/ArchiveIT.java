package io.tickpipe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.MarketCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer -> Kafka -> {@link Archive} -> Parquet, read back with DuckDB and compared with what a
 * plain Kafka consumer reads from the topics: replays over four UTC dates (records exactly at
 * midnight among them) and undecodable records, the middle two dates archived; archived again;
 * more records of one date produced and that date archived again.
 */
class ArchiveIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final LocalDate D1 = LocalDate.parse("2026-03-01");
    private static final LocalDate D2 = LocalDate.parse("2026-03-02");
    private static final LocalDate D3 = LocalDate.parse("2026-03-03");
    private static final LocalDate D4 = LocalDate.parse("2026-03-04");
    /** Symbol, then event time, then sequence: the order within a date's file. */
    static final Comparator<ArchivedRecord> FILE_ORDER = Comparator.<ArchivedRecord, String>comparing(r -> (String) r.value("symbol"))
            .thenComparingLong(ArchivedRecord::eventMicros)
            .thenComparingLong(r -> (Long) r.value("sequence"));

    @Test
    void archivesTheRangesRecordsSortedInOneFilePerDateAndReplacesADayOnEachRun(@TempDir Path dir) throws IOException {
        ArchiveStack stack = new ArchiveStack("archive", dir);
        Path archive = dir.resolve("archive");
        MarketCsv d1d2 = MarketCsv.write(dir, 31, SYMBOLS, Instant.parse("2026-03-01T23:59:58Z"), 4, 4);
        MarketCsv d2d3 = MarketCsv.write(dir, 32, SYMBOLS, Instant.parse("2026-03-02T23:59:58Z"), 4, 4);
        MarketCsv d3d4 = MarketCsv.write(dir, 33, SYMBOLS, Instant.parse("2026-03-03T23:59:58Z"), 4, 4);
        Path midnights = MarketCsv.trades(dir.resolve("midnights.csv"), "MSFT", List.of(Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-03T23:59:59.999999Z"), Instant.parse("2026-03-04T00:00:00Z")), 101.25);
        stack.replay(d1d2.trades, d1d2.quotes, d2d3.trades, d2d3.quotes, d3d4.trades, d3d4.quotes, midnights);
        stack.produceRaw(stack.fixture.tradesTopic(), new byte[] {7, 0, 0, 0, 1, 2});
        stack.produceRaw(stack.fixture.quotesTopic(), new byte[] {0, 0, 0});
        TopicContents kafka = TopicContents.of(stack.fixture);
        for (LocalDate date : List.of(D1, D2, D3, D4)) {
            for (ArchiveTable table : ArchiveTable.values()) {
                assertThat(kafka.of(table, date, date)).as("%s of %s in Kafka", table, date).isNotEmpty();
            }
        }

        // The middle two dates.
        ArchiveStack.Run first = stack.archive(D2, D3, archive);
        Map<ArchiveTable, List<DuckDbArchive.FileRow>> firstRows = new LinkedHashMap<>();
        for (ArchiveTable table : ArchiveTable.values()) {
            List<DuckDbArchive.FileRow> rows = DuckDbArchive.rows(archive, table);
            firstRows.put(table, rows);
            assertThat(records(rows)).as("%s archived", table).containsExactlyInAnyOrderElementsOf(kafka.of(table, D2, D3));
            assertLaidOut(rows);
            assertThat(folders(archive, table)).containsExactly("event_date=2026-03-02", "event_date=2026-03-03");
            for (LocalDate date : List.of(D2, D3)) {
                ArchiveDay day = day(first.report(), table, date);
                assertThat(day.outcome()).isEqualTo(ArchiveDay.Outcome.REPLACED);
                assertThat(day.inKafka()).isEqualTo(kafka.of(table, date, date).size());
                assertThat(day.archived()).isZero();
                assertThat(first.printed()).contains(table.tableName() + " " + date + ": " + day.inKafka() + " records archived\n");
            }
        }
        assertThat(DuckDbArchive.columnType(firstRows.get(ArchiveTable.TRADES).get(0).file(), "event_time"))
                .as("Parquet's TIMESTAMP(MICROS), not Spark's INT96").startsWith("INT64").contains("MICROS");
        assertThat(undecodable(first.report())).isEqualTo(kafka.undecodable()).hasSize(2);
        assertThat(first.printed()).contains("1 records of " + stack.fixture.tradesTopic() + " could not be decoded: BAD_MAGIC_BYTE");

        // Again: every day replaced by the same rows in the same order, nothing added.
        ArchiveStack.Run second = stack.archive(D2, D3, archive);
        for (ArchiveTable table : ArchiveTable.values()) {
            assertThat(inFileOrder(DuckDbArchive.rows(archive, table))).isEqualTo(inFileOrder(firstRows.get(table)));
            for (LocalDate date : List.of(D2, D3)) {
                ArchiveDay day = day(second.report(), table, date);
                assertThat(day.outcome()).isEqualTo(ArchiveDay.Outcome.REPLACED);
                assertThat(day.archived()).isEqualTo(day.inKafka()).isEqualTo(kafka.of(table, date, date).size());
                assertThat(second.printed()).contains(table.tableName() + " " + date + ": " + day.inKafka()
                        + " records archived (replacing " + day.archived() + ")");
            }
        }

        // Late trades of D3, then D3 alone archived again: D3 has them all, D2's files are the same files.
        List<DuckDbArchive.FileRow> tradesBefore = DuckDbArchive.rows(archive, ArchiveTable.TRADES);
        stack.replay(MarketCsv.trades(dir.resolve("late.csv"), "NVDA",
                List.of(Instant.parse("2026-03-03T12:00:00Z"), Instant.parse("2026-03-03T12:00:00.500Z")), 202.5));
        TopicContents later = TopicContents.of(stack.fixture);
        assertThat(later.of(ArchiveTable.TRADES, D3, D3)).hasSize(kafka.of(ArchiveTable.TRADES, D3, D3).size() + 2);
        ArchiveStack.Run third = stack.archive(D3, D3, archive);
        List<DuckDbArchive.FileRow> tradesAfter = DuckDbArchive.rows(archive, ArchiveTable.TRADES);
        assertThat(records(tradesAfter)).containsExactlyInAnyOrderElementsOf(later.of(ArchiveTable.TRADES, D2, D3));
        assertLaidOut(tradesAfter);
        assertThat(ofDate(tradesAfter, D2)).as("D2 untouched: the same files, the same rows").isEqualTo(ofDate(tradesBefore, D2));
        assertThat(third.report().days()).extracting(ArchiveDay::date).containsOnly(D3);
        ArchiveDay d3 = day(third.report(), ArchiveTable.TRADES, D3);
        assertThat(d3.outcome()).isEqualTo(ArchiveDay.Outcome.REPLACED);
        assertThat(d3.archived()).isEqualTo(kafka.of(ArchiveTable.TRADES, D3, D3).size());
        assertThat(d3.inKafka()).isEqualTo(d3.archived() + 2);
        assertThat(undecodable(third.report())).isEqualTo(later.undecodable());
    }

    static ArchiveDay day(Archive.Report report, ArchiveTable table, LocalDate date) {
        return report.days(table).stream().filter(d -> d.date().equals(date)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " " + date + " in " + report.days()));
    }

    static Map<String, Long> undecodable(Archive.Report report) {
        Map<String, Long> counts = new TreeMap<>();
        report.undecodable().forEach(c -> counts.put(TopicContents.key(c.topic(), c.reason()), c.records()));
        return counts;
    }

    static List<ArchivedRecord> records(List<DuckDbArchive.FileRow> rows) {
        return rows.stream().map(DuckDbArchive.FileRow::record).toList();
    }

    /** The rows of each date's file in the order they are in it, dates in order: what a rewrite must reproduce. */
    static List<ArchivedRecord> inFileOrder(List<DuckDbArchive.FileRow> rows) {
        return rows.stream().sorted(Comparator.comparing((DuckDbArchive.FileRow r) -> r.record().date())
                .thenComparingLong(DuckDbArchive.FileRow::rowNumber)).map(DuckDbArchive.FileRow::record).toList();
    }

    static List<DuckDbArchive.FileRow> ofDate(List<DuckDbArchive.FileRow> rows, LocalDate date) {
        return rows.stream().filter(r -> r.record().date().equals(date)).toList();
    }

    /** One file per date, named part-*.parquet in the date's folder, its rows in {@link #FILE_ORDER}. */
    static void assertLaidOut(List<DuckDbArchive.FileRow> rows) {
        Map<LocalDate, List<String>> files = new TreeMap<>();
        Map<String, List<DuckDbArchive.FileRow>> byFile = new LinkedHashMap<>();
        for (DuckDbArchive.FileRow row : rows) {
            List<String> ofDate = files.computeIfAbsent(row.record().date(), d -> new ArrayList<>());
            if (!ofDate.contains(row.file())) {
                ofDate.add(row.file());
            }
            byFile.computeIfAbsent(row.file(), f -> new ArrayList<>()).add(row);
        }
        files.forEach((date, names) -> {
            assertThat(names).as("files of %s", date).hasSize(1);
            Path file = Path.of(names.get(0));
            assertThat(file.getParent().getFileName()).hasToString("event_date=" + date);
            assertThat(file.getFileName().toString()).startsWith("part-").endsWith(".parquet");
        });
        byFile.forEach((file, ofFile) -> {
            List<ArchivedRecord> records = records(ofFile);
            assertThat(records).as("rows of %s", file).isSortedAccordingTo(FILE_ORDER);
            assertThat(ofFile.get(ofFile.size() - 1).rowNumber()).isEqualTo(ofFile.size() - 1);
        });
    }

    static List<String> folders(Path archive, ArchiveTable table) throws IOException {
        try (Stream<Path> folders = Files.list(archive.resolve(table.tableName()))) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
