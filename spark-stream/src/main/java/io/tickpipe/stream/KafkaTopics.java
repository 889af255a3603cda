package io.tickpipe.stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/** Where the job reads and where its dead letters go: Spark's Kafka source and sink, configured once. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /** A streaming read of the topics, headers included (dead letters keep them). */
    static Dataset<Row> stream(SparkSession spark, StreamConfig config, String... topics) {
        DataStreamReader reader = spark.readStream().format("kafka")
                .options(config.kafka().sparkSourceOptions())
                .option("subscribe", String.join(",", topics))
                .option("startingOffsets", config.startingOffsets())
                .option("includeHeaders", "true");
        if (config.maxOffsetsPerTrigger() != null) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        return reader.load();
    }

    /** Writes rows shaped for Spark's Kafka sink (topic, key, value, headers), blocking until acknowledged. */
    static void write(Dataset<Row> rows, StreamConfig config) {
        rows.write().format("kafka").options(config.kafka().sparkOptions()).save();
    }
}
