package io.tickpipe.spark.decode;

import io.tickpipe.wire.WireFormatException.Reason;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** The struct one decode yields, and the names its fields get as columns of a decoded Dataset. */
final class DecodeOutcome {
    static final String SCHEMA_ID = "schema_id";
    static final String RECORD = "record";
    static final String ERROR_REASON = "error_reason";
    static final String ERROR_MESSAGE = "error_message";
    static final String[] NAMES = {SCHEMA_ID, RECORD, ERROR_REASON, ERROR_MESSAGE};
    static final int FIELDS = NAMES.length;

    private DecodeOutcome() {
    }

    /** With {@code recordType} null (values only checked), the record field is of the null type. */
    static StructType type(StructType recordType) {
        return new StructType(new StructField[] {
                DataTypes.createStructField(SCHEMA_ID, DataTypes.IntegerType, true),
                DataTypes.createStructField(RECORD, recordType == null ? DataTypes.NullType : recordType, true),
                DataTypes.createStructField(ERROR_REASON, DataTypes.StringType, true),
                DataTypes.createStructField(ERROR_MESSAGE, DataTypes.StringType, true)});
    }

    static InternalRow failed(Integer schemaId, Reason reason, String message) {
        return new GenericInternalRow(new Object[] {
                schemaId, null, UTF8String.fromString(reason.name()), UTF8String.fromString(message)});
    }
}
