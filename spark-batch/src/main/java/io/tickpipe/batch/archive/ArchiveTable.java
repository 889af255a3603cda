package io.tickpipe.batch.archive;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.job.KafkaSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table of the archive: which topic it holds, the schema its records are read into, and its
 * layout under the archive's root, {@code <root>/<name>/event_date=YYYY-MM-DD/part-*.parquet}.
 *
 * <p>Its columns are the record's fields in the reader schema's order, then {@link #KAFKA_PARTITION}
 * and {@link #KAFKA_OFFSET}, then the partition column {@link #EVENT_DATE}.
 */
public enum ArchiveTable {
    TRADES("trades", MarketContract.TRADES, Trade.getClassSchema()),
    QUOTES("quotes", MarketContract.QUOTES, Quote.getClassSchema());

    /** The UTC date of {@code event_time}: the partition column, a date (folder {@code event_date=2026-03-02}). */
    public static final String EVENT_DATE = "event_date";
    /** The Kafka partition the record was read from: with {@link #KAFKA_OFFSET}, where to find it again. */
    public static final String KAFKA_PARTITION = "kafka_partition";
    /** The record's offset in {@link #KAFKA_PARTITION}. */
    public static final String KAFKA_OFFSET = "kafka_offset";
    /** Every record type has it: what dates and ranges are of. */
    static final String EVENT_TIME = "event_time";

    private final String name;
    private final MarketContract contract;
    private final Schema readerSchema;

    ArchiveTable(String name, MarketContract contract, Schema readerSchema) {
        this.name = name;
        this.contract = contract;
        this.readerSchema = readerSchema;
    }

    /** The table's folder under the archive's root, and its name in reports. */
    public String tableName() {
        return name;
    }

    public String topic(KafkaSettings kafka) {
        return contract.topic(kafka.topicPrefix());
    }

    /** The Avro schema the topic's records are decoded into. */
    public Schema readerSchema() {
        return readerSchema;
    }

    /** The table's folder under {@code archiveDir}, any Hadoop file system. */
    public String path(String archiveDir) {
        return new Path(archiveDir, name).toString();
    }

    /** The record's fields, in the reader schema's order. */
    public List<String> recordFields() {
        return readerSchema.getFields().stream().map(Schema.Field::name).toList();
    }

    /** The record's Spark type, as the decoder gives it. */
    public StructType recordType() {
        return (StructType) SchemaConverters.toSqlType(readerSchema).dataType();
    }

    /** Every column of the table's files and folders, the partition column last. */
    public StructType schema() {
        List<StructField> fields = new ArrayList<>(List.of(recordType().fields()));
        fields.add(DataTypes.createStructField(KAFKA_PARTITION, DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField(KAFKA_OFFSET, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(EVENT_DATE, DataTypes.DateType, true));
        return DataTypes.createStructType(fields);
    }
}
