package io.tickpipe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.LocalSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link ArchiveDays#compare} against set arithmetic over the same record keys. */
class ArchiveDaysTest {

    private static final StructType KEYS = DataTypes.createStructType(List.of(
            DataTypes.createStructField(ArchiveTable.EVENT_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(ArchiveTable.KAFKA_PARTITION, DataTypes.IntegerType, false),
            DataTypes.createStructField(ArchiveTable.KAFKA_OFFSET, DataTypes.LongType, false)));

    private record Key(LocalDate date, int partition, long offset) {
    }

    @Test
    void countsPerDateWhatKafkaHoldsWhatWasArchivedAndWhatKafkaLost() {
        LocalDate first = LocalDate.parse("2026-03-02");
        List<LocalDate> dates = first.datesUntil(first.plusDays(6)).toList();
        Random random = new Random(7);
        Set<Key> now = new HashSet<>();
        Set<Key> archived = new HashSet<>();
        // Day 0: Kafka holds all that was archived and more; 1: Kafka lost some; 2: Kafka lost all;
        // 3: nothing anywhere; 4: never archived; 5: archived, Kafka holds exactly that. Then records
        // of the days around the range, which must not count.
        for (int i = 0; i < 40; i++) {
            Key key = new Key(dates.get(0), random.nextInt(3), i);
            now.add(key);
            if (i % 3 != 0) {
                archived.add(key);
            }
        }
        for (int i = 0; i < 30; i++) {
            Key key = new Key(dates.get(1), random.nextInt(3), 100 + i);
            archived.add(key);
            if (i >= 4) {
                now.add(key);
            }
        }
        for (int i = 0; i < 5; i++) {
            archived.add(new Key(dates.get(2), 1, 200 + i));
        }
        for (int i = 0; i < 7; i++) {
            now.add(new Key(dates.get(4), 2, 300 + i));
            now.add(new Key(dates.get(5), 0, 400 + i));
            archived.add(new Key(dates.get(5), 0, 400 + i));
        }
        archived.add(new Key(first.minusDays(1), 0, 1));
        archived.add(new Key(first.plusDays(6), 0, 2));

        List<ArchiveDay> days = ArchiveDays.compare(ArchiveTable.TRADES, dataset(now), dataset(archived), dates);

        List<ArchiveDay> expected = new ArrayList<>();
        for (LocalDate date : dates) {
            Set<Key> nowOfDate = ofDate(now, date);
            Set<Key> lost = ofDate(archived, date);
            lost.removeAll(nowOfDate);
            expected.add(new ArchiveDay(ArchiveTable.TRADES, date, nowOfDate.size(), ofDate(archived, date).size(), lost.size()));
        }
        assertThat(days).containsExactlyElementsOf(expected);
        assertThat(days).extracting(ArchiveDay::outcome).containsExactly(ArchiveDay.Outcome.REPLACED, ArchiveDay.Outcome.KEPT,
                ArchiveDay.Outcome.NO_RECORDS, ArchiveDay.Outcome.NO_RECORDS, ArchiveDay.Outcome.REPLACED, ArchiveDay.Outcome.REPLACED);
    }

    private static Set<Key> ofDate(Set<Key> keys, LocalDate date) {
        Set<Key> of = new HashSet<>();
        keys.stream().filter(k -> k.date().equals(date)).forEach(of::add);
        return of;
    }

    private static Dataset<Row> dataset(Set<Key> keys) {
        List<Row> rows = new ArrayList<>();
        keys.forEach(k -> rows.add(RowFactory.create(Date.valueOf(k.date()), k.partition(), k.offset())));
        return LocalSpark.session().createDataFrame(rows, KEYS);
    }
}
