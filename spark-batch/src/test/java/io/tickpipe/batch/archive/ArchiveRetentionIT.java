package io.tickpipe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.MarketCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an archive run does once Kafka's retention has deleted records of archived days (deleted here
 * as retention does, the oldest of a partition first): a day of which Kafka lost some records is
 * kept as archived rather than replaced by less; a day of which Kafka holds nothing is left as it
 * is; a day in the range that never had records gets no folder.
 */
class ArchiveRetentionIT {

    private static final LocalDate D2 = LocalDate.parse("2026-03-02");
    private static final LocalDate D3 = LocalDate.parse("2026-03-03");
    private static final LocalDate D5 = LocalDate.parse("2026-03-05");

    @Test
    void keepsAnArchivedDayKafkaNoLongerHoldsWhole(@TempDir Path dir) throws Exception {
        ArchiveStack stack = new ArchiveStack("retention", dir);
        Path archive = dir.resolve("archive");
        MarketCsv csv = MarketCsv.write(dir, 41, List.of("AAPL", "MSFT", "NVDA"), Instant.parse("2026-03-02T23:59:58Z"), 4, 4);
        stack.replay(csv.trades, csv.quotes);
        TopicContents kafka = TopicContents.of(stack.fixture);

        ArchiveStack.Run first = stack.archive(D2, D5, archive);
        for (ArchiveTable table : ArchiveTable.values()) {
            assertThat(ArchiveIT.records(DuckDbArchive.rows(archive, table))).containsExactlyInAnyOrderElementsOf(kafka.of(table, D2, D3));
            assertThat(first.report().days(table)).extracting(ArchiveDay::outcome).containsExactly(ArchiveDay.Outcome.REPLACED,
                    ArchiveDay.Outcome.REPLACED, ArchiveDay.Outcome.NO_RECORDS, ArchiveDay.Outcome.NO_RECORDS);
            assertThat(ArchiveIT.folders(archive, table)).containsExactly("event_date=2026-03-02", "event_date=2026-03-03");
        }
        assertThat(first.printed()).contains("trades 2026-03-05: no records in " + stack.fixture.tradesTopic() + "\n");

        // Retention deletes the oldest trade of one partition: a D2 trade (the replay was produced in time order).
        int partition = kafka.of(ArchiveTable.TRADES, D2, D2).get(0).partition();
        ArchivedRecord oldest = kafka.of(ArchiveTable.TRADES, D2, D3).stream()
                .filter(r -> r.partition() == partition).min(Comparator.comparingLong(ArchivedRecord::offset)).orElseThrow();
        assertThat(oldest.date()).isEqualTo(D2);
        stack.deleteRecords(stack.fixture.tradesTopic(), partition, oldest.offset() + 1);
        List<DuckDbArchive.FileRow> tradesBefore = DuckDbArchive.rows(archive, ArchiveTable.TRADES);

        ArchiveStack.Run second = stack.archive(D2, D3, archive);
        ArchiveDay d2 = ArchiveIT.day(second.report(), ArchiveTable.TRADES, D2);
        int d2Trades = kafka.of(ArchiveTable.TRADES, D2, D2).size();
        assertThat(d2).extracting(ArchiveDay::outcome, ArchiveDay::inKafka, ArchiveDay::archived, ArchiveDay::archivedNotInKafka)
                .containsExactly(ArchiveDay.Outcome.KEPT, d2Trades - 1L, (long) d2Trades, 1L);
        assertThat(second.printed()).contains("trades 2026-03-02: not replaced: 1 of the " + d2Trades + " archived records are no longer in "
                + stack.fixture.tradesTopic());
        assertThat(ArchiveIT.day(second.report(), ArchiveTable.TRADES, D3).outcome()).isEqualTo(ArchiveDay.Outcome.REPLACED);
        assertThat(second.report().days(ArchiveTable.QUOTES)).extracting(ArchiveDay::outcome).containsOnly(ArchiveDay.Outcome.REPLACED);
        List<DuckDbArchive.FileRow> tradesKept = DuckDbArchive.rows(archive, ArchiveTable.TRADES);
        assertThat(ArchiveIT.ofDate(tradesKept, D2)).as("D2 kept: the same file, the deleted trade in it")
                .isEqualTo(ArchiveIT.ofDate(tradesBefore, D2));
        assertThat(ArchiveIT.records(tradesKept)).contains(oldest);
        assertThat(ArchiveIT.records(tradesKept)).containsExactlyInAnyOrderElementsOf(kafka.of(ArchiveTable.TRADES, D2, D3));

        // Retention deletes every trade: both days left as they are, the quotes still replaced.
        Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            all.put(new TopicPartition(stack.fixture.tradesTopic(), p), RecordsToDelete.beforeOffset(-1));
        }
        stack.deleteRecords(all);
        ArchiveStack.Run third = stack.archive(D2, D3, archive);
        for (LocalDate date : List.of(D2, D3)) {
            ArchiveDay day = ArchiveIT.day(third.report(), ArchiveTable.TRADES, date);
            assertThat(day.outcome()).isEqualTo(ArchiveDay.Outcome.NO_RECORDS);
            assertThat(day.archived()).isEqualTo(kafka.of(ArchiveTable.TRADES, date, date).size());
            assertThat(third.printed()).contains("trades " + date + ": no records in " + stack.fixture.tradesTopic() + "; the "
                    + day.archived() + " archived records are left as they are");
        }
        assertThat(DuckDbArchive.rows(archive, ArchiveTable.TRADES)).isEqualTo(tradesKept);
        assertThat(third.report().days(ArchiveTable.QUOTES)).extracting(ArchiveDay::outcome).containsOnly(ArchiveDay.Outcome.REPLACED);
        assertThat(Files.exists(archive.resolve("trades/event_date=2026-03-04"))).isFalse();
    }
}
