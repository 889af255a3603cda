package io.tickpipe.spark.decode;

import io.tickpipe.wire.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes the values of Kafka rows written in the Confluent wire format (magic byte, schema id,
 * Avro) into one reader schema, in batch and streaming queries alike. The writer schema of each
 * record is looked up by its id at run time, on the executors, through the JVM's shared
 * {@link io.tickpipe.wire.registry.SchemaRegistryClient} (cached per id), and resolved to the reader
 * schema, so versions registered while a query runs decode without restarting it.
 *
 * <p>Bad bytes do not fail the query: their rows carry {@code error_reason} (a
 * {@link io.tickpipe.wire.WireFormatException.Reason} name) and {@code error_message}, for
 * {@link DeadLetters}. A null value (a tombstone) is such a row, with reason
 * {@code TRUNCATED_HEADER}: the market topics are not compacted, so a null value is a producer bug.
 * A registry that cannot be reached does fail the task
 * ({@link io.tickpipe.wire.registry.RegistryUnavailableException}): the records are not at fault.
 */
public final class ConfluentAvroDecode {
    /** schema_id int: the id in the header; null when there is no readable header. */
    public static final String SCHEMA_ID = DecodeOutcome.SCHEMA_ID;
    /** record struct: the decoded record in the reader schema's Spark type; null when not decodable. */
    public static final String RECORD = DecodeOutcome.RECORD;
    /** error_reason string: why the value is not decodable; null when decoded. */
    public static final String ERROR_REASON = DecodeOutcome.ERROR_REASON;
    /** error_message string: topic, partition, offset, schema id and what was wrong. */
    public static final String ERROR_MESSAGE = DecodeOutcome.ERROR_MESSAGE;

    private static final String OUTCOME = "__tickpipe_decode_outcome";
    private static final Map<String, DataType> KAFKA_COLUMNS = Map.of("value", DataTypes.BinaryType,
            "topic", DataTypes.StringType, "partition", DataTypes.IntegerType, "offset", DataTypes.LongType);

    private ConfluentAvroDecode() {
    }

    /**
     * @param kafkaRows rows in the shape of Spark's Kafka source (at least {@code value},
     *     {@code topic}, {@code partition}, {@code offset})
     * @param readerSchema the record schema every version is read as
     * @param registryConfig Confluent's registry keys ({@code schema.registry.url},
     *     {@code basic.auth.user.info}, ...); travels to the executors, never into plans or messages
     * @return the rows with {@link #SCHEMA_ID}, {@link #RECORD}, {@link #ERROR_REASON} and
     *     {@link #ERROR_MESSAGE} added
     */
    public static Dataset<Row> decode(Dataset<Row> kafkaRows, Schema readerSchema, Map<String, String> registryConfig) {
        requireDecodable(kafkaRows, registryConfig);
        List<Column> columns = kafkaColumns(kafkaRows);
        for (String field : DecodeOutcome.NAMES) {
            columns.add(functions.col(OUTCOME).getField(field).as(field));
        }
        return kafkaRows.withColumn(OUTCOME, outcome(kafkaRows, readerSchema, recordType(readerSchema), registryConfig))
                .select(columns.toArray(Column[]::new));
    }

    /**
     * A topic of a {@link #decodeByTopic} and how it is read: its values into {@code readerSchema}, as
     * column {@code recordColumn}; or, with {@code recordColumn} null ({@link #checkOnly}), only checked.
     */
    public record TopicReader(String topic, Schema readerSchema, String recordColumn) {
        /**
         * The topic's values judged exactly as a decode into {@code readerSchema} would judge them
         * (same failures, reasons and messages) without building their records: for a topic whose
         * records are not needed, only its undecodable ones. It adds no record column.
         */
        public static TopicReader checkOnly(String topic, Schema readerSchema) {
            return new TopicReader(topic, readerSchema, null);
        }

        /** Whether the values are only checked ({@link #checkOnly}). */
        public boolean checksOnly() {
            return recordColumn == null;
        }
    }

    /**
     * {@link #decode} for rows of several topics, each topic's values read into its own reader schema,
     * in one pass over the input: where a decode per topic costs a Spark job (and a read of the
     * source) each, this is one. The rows get {@link #SCHEMA_ID}, {@link #ERROR_REASON} and
     * {@link #ERROR_MESSAGE} as {@link #decode} adds them and, instead of {@link #RECORD}, one record
     * column per topic, named {@link TopicReader#recordColumn()}: the decoded record on that topic's
     * rows when it decoded, null on all others; none for a topic that is only checked. Rows of topics
     * without a reader are left out.
     */
    public static Dataset<Row> decodeByTopic(Dataset<Row> kafkaRows, List<TopicReader> readers, Map<String, String> registryConfig) {
        requireDecodable(kafkaRows, registryConfig);
        List<Column> columns = kafkaColumns(kafkaRows);
        Dataset<Row> rows = kafkaRows.where(functions.col("topic").isin(readers.stream().map(TopicReader::topic).toArray()));
        List<Column> outcomes = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            TopicReader reader = readers.get(i);
            String name = OUTCOME + "_" + i;
            StructType recordType = recordType(reader.readerSchema());
            // Only the topic's own rows are decoded: a CASE evaluates its value for matching rows alone.
            rows = rows.withColumn(name, functions.when(functions.col("topic").equalTo(reader.topic()),
                    outcome(kafkaRows, reader.readerSchema(), reader.checksOnly() ? null : recordType, registryConfig)));
            outcomes.add(functions.col(name));
        }
        for (String field : DecodeOutcome.NAMES) {
            if (!field.equals(RECORD)) {
                columns.add(functions.coalesce(outcomes.stream().map(o -> o.getField(field)).toArray(Column[]::new)).as(field));
            }
        }
        for (int i = 0; i < readers.size(); i++) {
            if (!readers.get(i).checksOnly()) {
                columns.add(outcomes.get(i).getField(RECORD).as(readers.get(i).recordColumn()));
            }
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    /** The decode of the rows' values; with {@code recordType} null, only their check. */
    private static Column outcome(Dataset<Row> kafkaRows, Schema readerSchema, StructType recordType,
                                  Map<String, String> registryConfig) {
        return new Column(new ConfluentAvroDecodeExpression(kafkaRows.col("value").expr(),
                kafkaRows.col("topic").expr(), kafkaRows.col("partition").expr(), kafkaRows.col("offset").expr(),
                readerSchema, recordType, registryConfig));
    }

    private static List<Column> kafkaColumns(Dataset<Row> kafkaRows) {
        List<Column> columns = new ArrayList<>();
        for (String name : kafkaRows.columns()) {
            columns.add(functions.col(name));
        }
        return columns;
    }

    /** The decoded records of a {@link #decode} result, one column per field of the reader schema. */
    public static Dataset<Row> records(Dataset<Row> decoded) {
        return decoded.where(functions.col(ERROR_REASON).isNull()).select(functions.col(RECORD + ".*"));
    }

    /** True for the rows of a {@link #decode} result that could not be decoded. */
    public static Column failed() {
        return functions.col(ERROR_REASON).isNotNull();
    }

    private static StructType recordType(Schema readerSchema) {
        if (readerSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("the reader schema must be an Avro record, not " + readerSchema.getType());
        }
        return (StructType) SchemaConverters.toSqlType(readerSchema).dataType();
    }

    /** Fails here, on the driver, for rows or a registry configuration every task would reject. */
    private static void requireDecodable(Dataset<Row> kafkaRows, Map<String, String> registryConfig) {
        requireKafkaShape(kafkaRows.schema());
        RegistryConfig.from(registryConfig);
    }

    private static void requireKafkaShape(StructType schema) {
        KAFKA_COLUMNS.forEach((name, type) -> {
            StructField field = schema.getFieldIndex(name).isDefined() ? schema.apply(name) : null;
            if (field == null || !field.dataType().equals(type)) {
                throw new IllegalArgumentException("rows to decode need a column '" + name + "' of type "
                        + type.simpleString() + ", as Spark's Kafka source gives; these have " + schema.simpleString());
            }
        });
    }
}
