package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.testing.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AnalysisTaskSlotsTest {
    private static final StructType TRADES = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType)
            .add("event_time", DataTypes.TimestampType)
            .add("sequence", DataTypes.LongType);

    @Test
    void eventsInTheTaskSlotsAreTheEventsOfTheShufflePartitions() {
        SparkSession spark = LocalSpark.session();
        String shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.sql.shuffle.partitions", "16");
        try {
            Random random = new Random(7);
            List<Row> rows = new ArrayList<>();
            Instant start = Instant.parse("2026-03-02T14:30:00Z");
            for (int s = 0; s < 12; s++) {
                double price = 100;
                for (int i = 0; i < 300; i++) {
                    price = Math.max(1, price + random.nextGaussian());
                    rows.add(RowFactory.create("S" + s, Math.round(price * 100) / 100.0, (double) (1 + random.nextInt(9)),
                            Timestamp.from(start.plusSeconds(3L * i)), (long) i));
                }
            }
            Collections.shuffle(rows, random);
            AnalyticsConfig config = AnalyticsConfig.builder().intervals("1m", "5m").smaPeriod(3).emaPeriod(3).rsiPeriod(3)
                    .anomalyWindow(5).build();
            Dataset<Row> events = MarketAnalytics.analyze(spark.createDataFrame(rows, TRADES).repartition(3), config);

            // Cached, as the analysis caches them: Spark keeps the shuffle's partitions in a cached plan.
            Dataset<Row> cached = events.persist();
            Dataset<Row> inSlots = Analysis.inTaskSlots(spark, events).persist();
            try {
                assertThat(cached.rdd().getNumPartitions()).isEqualTo(16);
                assertThat(inSlots.rdd().getNumPartitions()).isEqualTo(spark.sparkContext().defaultParallelism());
                List<String> expected = cached.collectAsList().stream().map(Row::toString).sorted().toList();
                assertThat(expected).hasSizeGreaterThan(12 * 15); // 1m and 5m bars of 15 minutes, with indicators
                assertThat(inSlots.collectAsList().stream().map(Row::toString).sorted().toList()).isEqualTo(expected);

                // Each symbol whole in one partition, each of its series in time order, as the
                // analytics emitted them.
                List<Row> placed = inSlots.select(spark_partition_id().as("partition"), col("symbol"), col("interval"),
                        col("event"), col("kind"), col("time")).collectAsList();
                Map<String, Set<Integer>> partitionsOfSymbol = new HashMap<>();
                Map<String, Timestamp> lastTimeOfSeries = new HashMap<>();
                for (Row row : placed) {
                    partitionsOfSymbol.computeIfAbsent(row.getString(1), s -> new HashSet<>()).add(row.getInt(0));
                    String series = row.getString(1) + "/" + row.getString(2) + "/" + row.getString(3) + "/" + row.get(4);
                    Timestamp previous = lastTimeOfSeries.put(series, row.getTimestamp(5));
                    if (previous != null) {
                        assertThat(row.getTimestamp(5)).as(series).isAfterOrEqualTo(previous);
                    }
                }
                assertThat(partitionsOfSymbol).hasSize(12).allSatisfy((symbol, partitions) -> assertThat(partitions).hasSize(1));
                assertThat(partitionsOfSymbol.values().stream().flatMap(Set::stream).distinct().count())
                        .as("symbols spread over the task slots").isEqualTo(spark.sparkContext().defaultParallelism());
            } finally {
                inSlots.unpersist();
                cached.unpersist();
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
        }
    }
}
