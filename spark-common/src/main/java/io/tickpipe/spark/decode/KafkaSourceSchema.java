package io.tickpipe.spark.decode;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of Spark's Kafka source, the input {@link ConfluentAvroDecode} works on: for tests and
 * benchmarks that build such rows without Kafka.
 */
public final class KafkaSourceSchema {

    /** One element of {@code headers}. */
    public static final StructType HEADER = new StructType(new StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)});

    /** What the source gives by default. */
    public static final StructType WITHOUT_HEADERS = new StructType(new StructField[] {
            DataTypes.createStructField("key", DataTypes.BinaryType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true),
            DataTypes.createStructField("topic", DataTypes.StringType, true),
            DataTypes.createStructField("partition", DataTypes.IntegerType, true),
            DataTypes.createStructField("offset", DataTypes.LongType, true),
            DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
            DataTypes.createStructField("timestampType", DataTypes.IntegerType, true)});

    /** What it gives with {@code includeHeaders=true}, as the streaming job reads. */
    public static final StructType WITH_HEADERS = WITHOUT_HEADERS.add("headers", DataTypes.createArrayType(HEADER), true);

    private KafkaSourceSchema() {
    }
}
