package io.tickpipe.batch.files;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The lines of input files that are not what they should be, one row each, no column null:
 * {@code source} (the file: a local file's path, any other file's URI), {@code line} (its physical
 * line number, blank lines counted, the header being line 1), {@code reason} (what the parser says is
 * wrong, naming the field) and {@code text} (the raw line, cut to 500 characters; empty for an empty
 * file). A file refused as a whole is one row, at its header line.
 */
public final class Rejects {
    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType)
            .add("line", DataTypes.LongType)
            .add("reason", DataTypes.StringType)
            .add("text", DataTypes.StringType);

    static final String REASON = "reason";

    private Rejects() {
    }

    /** The reject columns of parsed lines (good lines have no reason). */
    static Column[] columns() {
        return new Column[] {col("source"), col("line"), col(REASON), col("text")};
    }
}
