package io.tickpipe.batch.statistics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The log returns of bars of one interval, the one definition the summary and the correlation matrix
 * share: {@code ln(close_t / close_prev)}, where {@code prev} is the symbol's previous bar present.
 * A gap (a day without a bar) therefore makes one return over the gap, not a missing one.
 */
final class LogReturns {
    static final String LOG_RETURN = "log_return";

    /** Per symbol, bars in time order. */
    static final WindowSpec BY_SYMBOL_IN_TIME = Window.partitionBy("symbol").orderBy("time");

    private LogReturns() {
    }

    /**
     * {@code bars} with {@code open} and {@code close} checked and a {@code log_return} column (null on
     * each symbol's first bar). Fails the job, naming the symbol, interval, time and value, on an
     * open or close that is not a positive number: a log return or a total return of it means nothing.
     * The time is printed in Spark's session time zone.
     */
    static Dataset<Row> of(Dataset<Row> bars) {
        return bars
                .withColumn("open", positive("open"))
                .withColumn("close", positive("close"))
                .withColumn(LOG_RETURN, log(col("close").divide(lag(col("close"), 1).over(BY_SYMBOL_IN_TIME))));
    }

    private static Column positive(String price) {
        Column value = col(price);
        // Spark orders NaN above every number, so NaN > 0 holds: it is excluded by name.
        return when(value.gt(0).and(not(isnan(value))), value)
                .otherwise(raise_error(concat(lit("bar of symbol "), col("symbol"), lit(" interval "),
                        col("interval"), lit(" at "), col("time").cast("string"), lit(" has " + price + " "),
                        when(value.isNull(), lit("null")).otherwise(value.cast("string")),
                        lit(": prices must be positive numbers for returns"))));
    }
}
