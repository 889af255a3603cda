package io.tickpipe.batch.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which days of a table an archive run may replace: a record is the same record when it has the same
 * Kafka partition and offset, so a day whose archived records Kafka all still holds is replaced by
 * what Kafka holds now (which has them all, and any that arrived since), and a day of which Kafka no
 * longer holds some (retention deleted them) is kept as archived.
 */
public final class ArchiveDays {

    private static final String IN_KAFKA = "in_kafka";
    private static final String ARCHIVED = "archived";

    private ArchiveDays() {
    }

    /**
     * One {@link ArchiveDay} per date of {@code dates}, in their order, from one Spark job.
     *
     * @param now      the table's records Kafka holds of the dates now, as {@link ArchiveRows#records} gives them
     * @param archived the table's archived rows (at least {@link ArchiveTable#EVENT_DATE},
     *                 {@link ArchiveTable#KAFKA_PARTITION}, {@link ArchiveTable#KAFKA_OFFSET}); only the
     *                 folders of {@code dates} are read
     * @param dates    consecutive dates, in order
     */
    public static List<ArchiveDay> compare(ArchiveTable table, Dataset<Row> now, Dataset<Row> archived, List<LocalDate> dates) {
        String[] key = {ArchiveTable.EVENT_DATE, ArchiveTable.KAFKA_PARTITION, ArchiveTable.KAFKA_OFFSET};
        Dataset<Row> ofTheDates = archived.where(col(ArchiveTable.EVENT_DATE)
                .between(lit(dates.get(0)), lit(dates.get(dates.size() - 1))));
        Dataset<Row> joined = keys(now, key).withColumn(IN_KAFKA, lit(true))
                .join(keys(ofTheDates, key).withColumn(ARCHIVED, lit(true)), key, "full_outer");
        Map<LocalDate, Row> counts = new HashMap<>();
        // The date as text: a collected DateType value would go through the driver's default time zone.
        for (Row row : joined.groupBy(col(ArchiveTable.EVENT_DATE).cast("string"))
                .agg(count(col(IN_KAFKA)), count(col(ARCHIVED)), count(when(col(IN_KAFKA).isNull(), col(ARCHIVED))))
                .collectAsList()) {
            counts.put(LocalDate.parse(row.getString(0)), row);
        }
        List<ArchiveDay> days = new ArrayList<>();
        for (LocalDate date : dates) {
            Row row = counts.get(date);
            days.add(row == null ? new ArchiveDay(table, date, 0, 0, 0)
                    : new ArchiveDay(table, date, row.getLong(1), row.getLong(2), row.getLong(3)));
        }
        return days;
    }

    private static Dataset<Row> keys(Dataset<Row> rows, String[] key) {
        Column[] columns = new Column[key.length];
        for (int i = 0; i < key.length; i++) {
            columns[i] = col(key[i]);
        }
        return rows.select(columns);
    }
}
