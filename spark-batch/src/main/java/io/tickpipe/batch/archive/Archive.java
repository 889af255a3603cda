package io.tickpipe.batch.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tickpipe.batch.KafkaHistory;
import io.tickpipe.spark.decode.UndecodableCounts;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;

/**
 * One archive run: the decoded trades and quotes of a range of UTC event dates, from the Kafka topics
 * into Parquet under the archive's root, one folder per table and date
 * ({@code <root>/trades/event_date=2026-03-02/part-*.parquet}), sorted by symbol, event time and
 * sequence within a date, one file per date and table. Each record keeps where it was read
 * ({@code kafka_partition}, {@code kafka_offset}): to audit a record against the topic, and to tell
 * whether Kafka still holds what was archived.
 *
 * <h2>Which records</h2>
 * A record belongs to the date of its event time. Kafka's record timestamps say when a record was
 * produced, not when its event happened: a replay of old history carries old event times under new
 * timestamps, so selecting by timestamp would miss it. A run therefore reads everything the topics
 * retain and keeps the records whose event time falls in the dates. Kafka's retention (7 days by
 * default) bounds what can be archived: archive a day while Kafka still holds all of it, e.g. a
 * daily cron job archiving yesterday.
 *
 * <h2>Running again</h2>
 * Archiving a day again replaces its folder with what Kafka holds of it now, never adds to it, and
 * touches no other day. Two cases leave an archived day as it is, said in the {@link Report}:
 * <ul>
 *   <li>Kafka holds no record of the day (it may have expired it all): nothing is written;</li>
 *   <li>Kafka holds records of the day but not every record archived before (by partition and
 *       offset): retention deleted some, and replacing the day would lose them.</li>
 * </ul>
 * To archive such a day anew regardless, delete its folder first.
 *
 * <h2>Undecodable records</h2>
 * They are counted per topic and reason as the backfill counts them, over everything the topics
 * hold (without an event time such a record cannot be placed in a date), neither archived nor sent
 * to a dead-letter topic (the streaming job does that).
 *
 * <p>The files' timestamps are Parquet's {@code TIMESTAMP(MICROS, UTC)}, which every Parquet reader
 * knows, rather than Spark's default, the deprecated INT96: the run uses a session of its own with
 * the caller's settings and that one changed.
 */
public final class Archive {

    private static final String OUTPUT_TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";

    /** What a run did: each table's days in the range, in order, and the undecodable records of the topics. */
    public record Report(ArchiveConfig config, List<ArchiveDay> days, List<UndecodableCounts.Count> undecodable) {

        public Report {
            days = List.copyOf(days);
            undecodable = List.copyOf(undecodable);
        }

        /** The days of {@code table}, in date order. */
        public List<ArchiveDay> days(ArchiveTable table) {
            return days.stream().filter(d -> d.table() == table).toList();
        }

        /** The days replaced by what Kafka holds. */
        public List<ArchiveDay> replaced() {
            return days.stream().filter(d -> d.outcome() == ArchiveDay.Outcome.REPLACED).toList();
        }

        /** The report as it is printed: a line per table and date, then one per topic and reason of undecodable records. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("archive of event dates " + config.from() + " to " + config.to() + " (UTC) into " + config.archiveDir());
            for (ArchiveDay day : days) {
                String topic = day.table().topic(config.kafka());
                String head = day.table().tableName() + " " + day.date() + ": ";
                lines.add(head + switch (day.outcome()) {
                    case REPLACED -> day.inKafka() + " records archived"
                            + (day.archived() > 0 ? " (replacing " + day.archived() + ")" : "");
                    case NO_RECORDS -> "no records in " + topic
                            + (day.archived() > 0 ? "; the " + day.archived() + " archived records are left as they are" : "");
                    case KEPT -> "not replaced: " + day.archivedNotInKafka() + " of the " + day.archived()
                            + " archived records are no longer in " + topic + " (" + day.inKafka()
                            + " are); the archived day is left as it is (delete its folder to archive what Kafka holds)";
                });
            }
            for (UndecodableCounts.Count count : undecodable) {
                lines.add(count.records() + " records of " + count.topic() + " could not be decoded: " + count.reason()
                        + " (counted over all the topic holds, not archived, not sent to the dead-letter topic)");
            }
            return lines;
        }
    }

    private Archive() {
    }

    /** {@link #run(SparkSession, ArchiveConfig, PrintStream)} printing to stdout. */
    public static Report run(SparkSession spark, ArchiveConfig config) {
        return run(spark, config, System.out);
    }

    /**
     * Archives {@code config}'s dates and prints the {@link Report#lines()} to {@code out}: a job on a
     * cluster logs at WARN, so what the user needs goes to stdout, not only to a log.
     */
    public static Report run(SparkSession caller, ArchiveConfig config, PrintStream out) {
        SparkSession spark = writingMicros(caller);
        // All the topics retain: replayed history has old event times under new record timestamps.
        Dataset<Row> kafkaRows = KafkaHistory.read(spark, config.kafka(),
                List.of(ArchiveTable.TRADES.topic(config.kafka()), ArchiveTable.QUOTES.topic(config.kafka())), null, null);
        // Read once: the counts and both tables' writes see the same records, and Kafka is read once.
        Dataset<Row> decoded = ArchiveRows.inRangeOrUndecodable(
                ArchiveRows.decode(kafkaRows, config.kafka(), config.registryConfig()), config.start(), config.end())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<UndecodableCounts.Count> undecodable = UndecodableCounts.of(decoded);
            List<ArchiveDay> days = new ArrayList<>();
            for (ArchiveTable table : ArchiveTable.values()) {
                days.addAll(archive(spark, decoded, table, config));
            }
            Report report = new Report(config, days, undecodable);
            report.lines().forEach(out::println);
            out.flush();
            return report;
        } finally {
            decoded.unpersist();
        }
    }

    private static List<ArchiveDay> archive(SparkSession spark, Dataset<Row> decoded, ArchiveTable table, ArchiveConfig config) {
        Dataset<Row> records = ArchiveRows.records(decoded, table, config.start(), config.end());
        List<ArchiveDay> days = ArchiveDays.compare(table, records,
                ArchiveReader.table(spark, config.archiveDir(), table), config.dates());
        Object[] replaced = days.stream().filter(d -> d.outcome() == ArchiveDay.Outcome.REPLACED)
                .map(ArchiveDay::date).toArray();
        if (replaced.length > 0) {
            ArchiveWriter.replaceDays(records.where(col(ArchiveTable.EVENT_DATE).isin(dateLiterals(replaced))),
                    table, config.archiveDir());
        }
        return days;
    }

    private static Object[] dateLiterals(Object[] dates) {
        Object[] literals = new Object[dates.length];
        for (int i = 0; i < dates.length; i++) {
            literals[i] = lit((LocalDate) dates[i]);
        }
        return literals;
    }

    /** A session with the caller's settings, writing timestamps as Parquet's TIMESTAMP_MICROS. */
    private static SparkSession writingMicros(SparkSession caller) {
        SparkSession session = caller.newSession();
        Map<String, String> settings = JavaConverters.mapAsJavaMap(caller.conf().getAll());
        settings.forEach((key, value) -> {
            if (caller.conf().isModifiable(key)) {
                session.conf().set(key, value);
            }
        });
        session.conf().set(OUTPUT_TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
        return session;
    }
}
