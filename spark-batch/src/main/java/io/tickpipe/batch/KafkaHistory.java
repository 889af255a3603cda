package io.tickpipe.batch;

import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The batch commands' reads of Kafka: topics with Spark's Kafka source in a batch, bounded by record timestamps. */
public final class KafkaHistory {

    private KafkaHistory() {
    }

    /**
     * Records of {@code topics} from the first with a timestamp at or after {@code from} (or the
     * beginning) up to, not including, the first at or after {@code to} (or the end as it is when
     * the read is planned), in every partition. A {@code from} past a partition's last record reads
     * nothing of it, rather than failing as Spark's default would.
     */
    public static Dataset<Row> read(SparkSession spark, KafkaSettings kafka, List<String> topics, Instant from, Instant to) {
        DataFrameReader reader = spark.read().format("kafka")
                .options(kafka.sparkSourceOptions())
                .option("subscribe", String.join(",", topics));
        reader = from == null
                ? reader.option("startingOffsets", "earliest")
                : reader.option("startingTimestamp", ceilMillis(from))
                        .option("startingOffsetsByTimestampStrategy", "latest");
        reader = to == null
                ? reader.option("endingOffsets", "latest")
                : reader.option("endingTimestamp", ceilMillis(to));
        return reader.load();
    }

    // Kafka timestamps are milliseconds: the first whole millisecond not before the instant keeps
    // both bounds exact for a sub-millisecond instant (from inclusive, to exclusive).
    static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
