package io.tickpipe.batch.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.testing.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The archive's transformations on rows made in memory, in the shape {@link ArchiveRows#decode} gives. */
class ArchiveRowsTest {

    private static final String TIME_ZONE = "spark.sql.session.timeZone";
    private static final StructType DECODED = DataTypes.createStructType(List.of(
            DataTypes.createStructField("topic", DataTypes.StringType, true),
            DataTypes.createStructField("partition", DataTypes.IntegerType, true),
            DataTypes.createStructField("offset", DataTypes.LongType, true),
            DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
            DataTypes.createStructField(ConfluentAvroDecode.ERROR_REASON, DataTypes.StringType, true),
            DataTypes.createStructField("trades", ArchiveTable.TRADES.recordType(), true),
            DataTypes.createStructField("quotes", ArchiveTable.QUOTES.recordType(), true)));
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant END = Instant.parse("2026-03-04T00:00:00Z");

    @Test
    void theEventDateIsTheUtcDateWhateverTheSessionTimeZone() {
        SparkSession spark = LocalSpark.session();
        List<Instant> times = List.of(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-02T23:59:59.999999Z"),
                Instant.parse("2026-03-03T03:00:00Z"), Instant.parse("2026-03-08T06:59:59Z"), Instant.parse("1969-12-31T23:59:59.999999Z"));
        List<Row> rows = times.stream().map(t -> RowFactory.create(Timestamp.from(t))).toList();
        Dataset<Row> input = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("t", DataTypes.TimestampType, false))));
        String zone = spark.conf().get(TIME_ZONE);
        spark.conf().set(TIME_ZONE, "America/New_York");
        try {
            List<String> dates = input.select(ArchiveRows.eventDate(col("t")).cast("string")).as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList();
            assertThat(dates).containsExactlyElementsOf(times.stream().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString()).toList());
        } finally {
            spark.conf().set(TIME_ZONE, zone);
        }
    }

    @Test
    void keepsTheTableRecordsOfTheRangeAndTheUndecodableOnes() {
        List<Row> rows = List.of(
                decoded(0, 0, trade("AAPL", START.minusNanos(1000), 0), null, null),
                decoded(0, 1, trade("AAPL", START, 1), null, null),
                decoded(1, 0, trade("MSFT", END.minusNanos(1000), 0), null, null),
                decoded(1, 1, trade("MSFT", END, 1), null, null),
                decoded(2, 0, null, quote("NVDA", START.plusSeconds(5), 0), null),
                decoded(2, 1, null, quote("NVDA", END.plusSeconds(5), 1), null),
                decoded(2, 2, null, null, "BAD_MAGIC_BYTE"));
        Dataset<Row> decoded = LocalSpark.session().createDataFrame(rows, DECODED);

        Dataset<Row> kept = ArchiveRows.inRangeOrUndecodable(decoded, START, END);
        assertThat(kept.select("partition", "offset").collectAsList()).extracting(Row::toString)
                .containsExactlyInAnyOrder("[0,1]", "[1,0]", "[2,0]", "[2,2]");

        Dataset<Row> trades = ArchiveRows.records(decoded, ArchiveTable.TRADES, START, END);
        assertThat(trades.columns()).containsExactlyElementsOf(List.of(ArchiveTable.TRADES.schema().fieldNames()));
        assertThat(trades.select(col("symbol"), col(ArchiveTable.KAFKA_PARTITION), col(ArchiveTable.KAFKA_OFFSET),
                col(ArchiveTable.EVENT_DATE).cast("string")).collectAsList()).extracting(Row::toString)
                .containsExactlyInAnyOrder("[AAPL,0,1,2026-03-02]", "[MSFT,1,0,2026-03-03]");
        assertThat(ArchiveRows.records(decoded, ArchiveTable.QUOTES, START, END).select("symbol", "sequence").collectAsList())
                .extracting(Row::toString).containsExactly("[NVDA,0]");
    }

    @Test
    void laysOutEachDateInOnePartitionSortedBySymbolTimeAndSequence() {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        List<String> symbols = List.of("MSFT", "AAPL", "NVDA");
        for (int i = 0; i < 300; i++) {
            String symbol = symbols.get(random.nextInt(symbols.size()));
            // Few distinct times, so that ties fall to sequence, then to partition and offset.
            Instant time = START.plus(random.nextInt(3), ChronoUnit.DAYS).plusSeconds(random.nextInt(4));
            rows.add(decoded(random.nextInt(3), i, trade(symbol, time, random.nextInt(5)), null, null));
        }
        Collections.shuffle(rows, random);
        Dataset<Row> decoded = LocalSpark.session().createDataFrame(rows, DECODED).repartition(4);
        Dataset<Row> laidOut = ArchiveRows.laidOut(ArchiveRows.records(decoded, ArchiveTable.TRADES, START, START.plus(3, ChronoUnit.DAYS)))
                .withColumn("task", spark_partition_id());

        Map<String, Integer> taskOfDate = new HashMap<>();
        Map<Integer, List<Row>> byTask = new HashMap<>();
        for (Row row : laidOut.select(col("task"), col(ArchiveTable.EVENT_DATE).cast("string"), col("symbol"),
                col(ArchiveTable.EVENT_TIME), col("sequence"), col(ArchiveTable.KAFKA_PARTITION), col(ArchiveTable.KAFKA_OFFSET)).collectAsList()) {
            Integer before = taskOfDate.putIfAbsent(row.getString(1), row.getInt(0));
            assertThat(before).as("the task of %s", row.getString(1)).isIn(null, row.getInt(0));
            byTask.computeIfAbsent(row.getInt(0), t -> new ArrayList<>()).add(row);
        }
        assertThat(taskOfDate).hasSize(3);
        Comparator<Row> order = Comparator.<Row, String>comparing(r -> r.getString(1)).thenComparing(r -> r.getString(2))
                .thenComparing(r -> r.getTimestamp(3)).thenComparingLong(r -> r.getLong(4))
                .thenComparingInt(r -> r.getInt(5)).thenComparingLong(r -> r.getLong(6));
        int total = 0;
        for (List<Row> ofTask : byTask.values()) {
            List<Row> sorted = new ArrayList<>(ofTask);
            sorted.sort(order);
            assertThat(ofTask).containsExactlyElementsOf(sorted);
            total += ofTask.size();
        }
        assertThat(total).isEqualTo(rows.size());
    }

    private static Row decoded(int partition, long offset, Row trade, Row quote, String errorReason) {
        return RowFactory.create(trade != null ? "t.trades" : "t.quotes", partition, offset, Timestamp.from(Instant.now()),
                errorReason, trade, quote);
    }

    private static Row trade(String symbol, Instant time, long sequence) {
        return RowFactory.create(symbol, 100.0, 1.0, Timestamp.from(time), symbol + "-" + sequence, "XNAS", List.of("@"), sequence, "USD");
    }

    private static Row quote(String symbol, Instant time, long sequence) {
        return RowFactory.create(symbol, 99.0, 101.0, 5.0, 7.0, Timestamp.from(time), "XNAS", sequence);
    }
}
