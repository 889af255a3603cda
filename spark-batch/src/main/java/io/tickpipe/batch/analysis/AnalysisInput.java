package io.tickpipe.batch.analysis;

import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.decode.UndecodableCounts;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What one source gives an analysis: trades (or, from bar files, bars), the input it could not use,
 * and how to name it in a report.
 *
 * @param trades      {@code symbol, price, size, event_time, sequence, ...}; null for bar files
 * @param bars        {@code symbol, time, open, high, low, close, volume}; null unless bar files
 * @param rejects     lines of files that did not parse: {@link #REJECTS}
 * @param undecodable records of Kafka that could not be decoded, per topic and reason
 * @param inputs      the inputs as a user names them, e.g. {@code kafka market.trades}
 * @param notes       what a reader of the results must know about this input
 * @param analytics   the transformations' settings for this input (bar files cannot make intervals
 *                    finer than their own bars)
 * @param release     frees what the source persisted to read its input once
 */
public record AnalysisInput(Dataset<Row> trades, Dataset<Row> bars, Dataset<Row> rejects,
                     List<UndecodableCounts.Count> undecodable, List<String> inputs, List<String> notes,
                     AnalyticsConfig analytics, Runnable release) {

    /** Thrown by a source that has nothing to analyse: the run says why in one line and exits 1. */
    public static final class NothingToAnalyse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToAnalyse(String message) {
            super(message);
        }
    }

    /** The {@code rejects/} table: which file, which line (header = 1), why, and the line itself. */
    static final StructType REJECTS = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("line", DataTypes.LongType)
            .add("reason", DataTypes.StringType, false)
            .add("text", DataTypes.StringType);

    static Dataset<Row> noRejects(SparkSession spark) {
        return spark.createDataFrame(List.of(), REJECTS);
    }

    /** The rows analysed: trades, or bars from bar files. */
    public Dataset<Row> analysed() {
        return trades != null ? trades : bars;
    }
}
