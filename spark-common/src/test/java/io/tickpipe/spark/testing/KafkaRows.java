package io.tickpipe.spark.testing;

import io.tickpipe.spark.decode.KafkaSourceSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Batch Datasets in the exact shape of Spark's Kafka source (with headers), without a broker: for
 * tests of what runs on Kafka rows. Built from an RDD, not a local list, so that queries run in tasks
 * with generated code, as on Kafka data, instead of being folded into the plan by the optimizer.
 */
public final class KafkaRows {
    public static final StructType HEADER = KafkaSourceSchema.HEADER;
    public static final StructType SCHEMA = KafkaSourceSchema.WITH_HEADERS;

    private final String topic;
    private final int partition;
    private final List<Row> rows = new ArrayList<>();

    private KafkaRows(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    /** Rows of one topic partition; offsets count from 0 in the order values are added. */
    public static KafkaRows of(String topic, int partition) {
        return new KafkaRows(topic, partition);
    }

    public KafkaRows add(String key, byte[] value) {
        return add(key, value, Map.of());
    }

    /** A row with these headers (UTF-8 values), or a null headers column when there are none, as the source gives. */
    public KafkaRows add(String key, byte[] value, Map<String, String> headers) {
        List<Row> headerRows = new ArrayList<>();
        headers.forEach((k, v) -> headerRows.add(RowFactory.create(k, v.getBytes(StandardCharsets.UTF_8))));
        rows.add(RowFactory.create(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, topic, partition,
                (long) rows.size(), new Timestamp(1_767_225_600_000L + rows.size()), 0,
                headerRows.isEmpty() ? null : JavaConverters.asScalaBuffer(headerRows).toSeq()));
        return this;
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), SCHEMA);
    }
}
