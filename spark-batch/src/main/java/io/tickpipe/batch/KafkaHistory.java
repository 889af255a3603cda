package io.tickpipe.batch;

import java.time.Instant;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The backfill's input: a batch read of its topics with Spark's Kafka source, bounded by record timestamps. */
final class KafkaHistory {

    private KafkaHistory() {
    }

    /**
     * Records of {@link BatchConfig#topics()} from the first with a timestamp at or after {@code from}
     * (or the beginning) up to, not including, the first at or after {@code to} (or the end as it is
     * when the read is planned), in every partition. A {@code from} past a partition's last record
     * reads nothing of it, rather than failing as Spark's default would.
     */
    static Dataset<Row> read(SparkSession spark, BatchConfig config) {
        DataFrameReader reader = spark.read().format("kafka")
                .options(config.kafka().sparkSourceOptions())
                .option("subscribe", String.join(",", config.topics()));
        reader = config.from() == null
                ? reader.option("startingOffsets", "earliest")
                : reader.option("startingTimestamp", ceilMillis(config.from()))
                        .option("startingOffsetsByTimestampStrategy", "latest");
        reader = config.to() == null
                ? reader.option("endingOffsets", "latest")
                : reader.option("endingTimestamp", ceilMillis(config.to()));
        return reader.load();
    }

    // Kafka timestamps are milliseconds: the first whole millisecond not before the instant keeps
    // both bounds exact for a sub-millisecond instant (from inclusive, to exclusive).
    static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
