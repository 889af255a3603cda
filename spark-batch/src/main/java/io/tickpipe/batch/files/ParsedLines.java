package io.tickpipe.batch.files;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every line of the input files as a task reads it, good or bad, in one schema: {@code file_order},
 * {@code source}, {@code line}, then the fields of a good line (null on a bad one), then
 * {@code reason} (null on a good one) and {@code text} (the raw line; on a good line only where a
 * later step may still reject it). One pass over the files gives both the good lines and the rejects.
 */
final class ParsedLines {
    static final String FILE_ORDER = "file_order";

    private ParsedLines() {
    }

    static StructType schema(StructType fields) {
        StructType schema = new StructType()
                .add(FILE_ORDER, DataTypes.IntegerType, false)
                .add("source", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, false);
        for (StructField field : fields.fields()) {
            schema = schema.add(field.name(), field.dataType(), true);
        }
        return schema.add(Rejects.REASON, DataTypes.StringType, true).add("text", DataTypes.StringType, true);
    }

    /** A good line; {@code text} may be null (a reader keeps it where a later step may reject the line). */
    static Row good(InputFile file, long line, String text, Object... fields) {
        Object[] values = new Object[fields.length + 5];
        values[0] = file.order();
        values[1] = file.name();
        values[2] = line;
        System.arraycopy(fields, 0, values, 3, fields.length);
        values[values.length - 1] = text;
        return RowFactory.create(values);
    }

    static Row reject(InputFile file, long line, String reason, String text, StructType fields) {
        Object[] values = new Object[fields.size() + 5];
        values[0] = file.order();
        values[1] = file.name();
        values[2] = line;
        values[values.length - 2] = reason;
        values[values.length - 1] = text;
        return RowFactory.create(values);
    }
}
