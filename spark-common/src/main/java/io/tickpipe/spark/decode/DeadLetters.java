package io.tickpipe.spark.decode;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.tickpipe.schemas.MarketContract;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The records a {@link ConfluentAvroDecode#decode} could not decode, as rows for Spark's Kafka sink:
 * each goes to its source topic's dead-letter topic ({@code <topic>.dlq}) with its key and value
 * untouched and its headers kept, plus headers saying why and where from (values UTF-8 strings).
 */
public final class DeadLetters {
    /** Header: the {@link io.tickpipe.wire.WireFormatException.Reason} name. */
    public static final String REASON_HEADER = "tickpipe.dlq.reason";
    /** Header: the full error message (topic, partition, offset, schema id, what was wrong). */
    public static final String MESSAGE_HEADER = "tickpipe.dlq.message";
    /** Header: the source topic. */
    public static final String TOPIC_HEADER = "tickpipe.dlq.topic";
    /** Header: the source partition, in decimal. */
    public static final String PARTITION_HEADER = "tickpipe.dlq.partition";
    /** Header: the source offset, in decimal. */
    public static final String OFFSET_HEADER = "tickpipe.dlq.offset";

    /** The element type of Spark's Kafka {@code headers} column. */
    private static final ArrayType HEADERS = DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)}));

    private DeadLetters() {
    }

    /** Columns {@code topic}, {@code key}, {@code value}, {@code headers} of the failed rows of {@code decoded}. */
    public static Dataset<Row> of(Dataset<Row> decoded) {
        Column added = array(
                header(REASON_HEADER, col(ConfluentAvroDecode.ERROR_REASON)),
                header(MESSAGE_HEADER, col(ConfluentAvroDecode.ERROR_MESSAGE)),
                header(TOPIC_HEADER, col("topic")),
                header(PARTITION_HEADER, col("partition")),
                header(OFFSET_HEADER, col("offset"))).cast(HEADERS);
        // The Kafka source has a headers column only with includeHeaders=true, and null for a record without any.
        Column headers = Arrays.asList(decoded.columns()).contains("headers")
                ? when(col("headers").isNull(), added).otherwise(concat(col("headers").cast(HEADERS), added))
                : added;
        Column key = Arrays.asList(decoded.columns()).contains("key") ? col("key") : lit(null).cast(DataTypes.BinaryType);
        return decoded.where(ConfluentAvroDecode.failed()).select(
                concat(col("topic"), lit(MarketContract.DLQ_SUFFIX)).as("topic"),
                key.as("key"),
                col("value"),
                headers.as("headers"));
    }

    private static Column header(String name, Column value) {
        return struct(lit(name).as("key"), value.cast(DataTypes.StringType).cast(DataTypes.BinaryType).as("value"));
    }
}
