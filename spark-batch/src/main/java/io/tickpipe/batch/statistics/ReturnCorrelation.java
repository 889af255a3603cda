package io.tickpipe.batch.statistics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.covar_samp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The correlation matrix of the symbols' log returns: the {@code correlation} table.
 *
 * <p>Cost: the returns are joined with themselves on time, one row per pair of symbols with a
 * return at that time, in the order of {@code symbols^2 * returns per symbol} rows (half of them
 * kept, each unordered pair once), then aggregated per pair: a year of daily bars of 100 symbols makes
 * about 2.5 million joined rows. At the summary interval that is small; at an intraday interval it
 * grows with the number of bars, which is why the matrix is computed at the summary interval only.
 */
public final class ReturnCorrelation {
    /** Fewer common returns than this give no correlation: two points always lie on a line. */
    public static final int MIN_OBSERVATIONS = 3;

    private ReturnCorrelation() {
    }

    /**
     * Every ordered pair of the symbols of {@code summaryIntervalBars}, the diagonal included, ordered
     * by {@code symbol_a, symbol_b}: {@code symbol_a, symbol_b, correlation, observations}.
     * {@code observations} counts the times at which both symbols have a log return (pairwise
     * complete); {@code correlation} is the Pearson correlation of the two symbols' returns at those
     * times, null with fewer than {@link #MIN_OBSERVATIONS} of them or when either side's returns do
     * not vary.
     *
     * @param summaryIntervalBars bars of one interval (see {@link SymbolStatistics#summaryIntervalBars}),
     *                            at most one per symbol and time
     */
    public static Dataset<Row> matrix(Dataset<Row> summaryIntervalBars) {
        Dataset<Row> returns = LogReturns.of(summaryIntervalBars)
                .where(col(LogReturns.LOG_RETURN).isNotNull())
                .select(col("symbol"), col("time"), col(LogReturns.LOG_RETURN));
        // Every column renamed on both sides, so the self-join's condition cannot be ambiguous.
        Dataset<Row> a = returns.select(col("symbol").as("symbol_a"), col("time").as("time_a"),
                col(LogReturns.LOG_RETURN).as("x"));
        Dataset<Row> b = returns.select(col("symbol").as("symbol_b"), col("time").as("time_b"),
                col(LogReturns.LOG_RETURN).as("y"));
        // Each unordered pair once (the correlation is symmetric), then mirrored: half the rows to
        // aggregate, and the correlation of (a, b) is exactly that of (b, a).
        // Pearson's r from the sample covariance and standard deviations rather than Spark's corr,
        // which divides by a zero variance as it computes (an error in ANSI mode): here the division
        // happens only where both sides vary.
        Column defined = col("n").geq(MIN_OBSERVATIONS).and(col("sx").gt(0)).and(col("sy").gt(0));
        Dataset<Row> halves = a
                .join(b, col("time_a").equalTo(col("time_b")).and(col("symbol_a").leq(col("symbol_b"))))
                .groupBy("symbol_a", "symbol_b")
                .agg(covar_samp("x", "y").as("covariance"), stddev_samp("x").as("sx"), stddev_samp("y").as("sy"),
                        count(lit(1)).as("n"))
                .select(col("symbol_a"), col("symbol_b"),
                        when(defined, col("covariance").divide(col("sx").multiply(col("sy")))).as("r"), col("n"));
        Column pair = struct(col("symbol_a").as("pair_a"), col("symbol_b").as("pair_b"));
        Column mirror = struct(col("symbol_b").as("pair_a"), col("symbol_a").as("pair_b"));
        Dataset<Row> pairs = halves
                .select(explode(when(col("symbol_a").equalTo(col("symbol_b")), array(pair))
                        .otherwise(array(pair, mirror))).as("pair"), col("r"), col("n"))
                .select(col("pair.pair_a"), col("pair.pair_b"), col("r"), col("n"));

        // Pairs without a common return are not in the join: the grid of all symbols brings them back.
        Dataset<Row> symbols = summaryIntervalBars.select("symbol").distinct();
        Dataset<Row> grid = symbols.select(col("symbol").as("symbol_a"))
                .crossJoin(symbols.select(col("symbol").as("symbol_b")));
        return grid
                .join(pairs, col("symbol_a").equalTo(col("pair_a")).and(col("symbol_b").equalTo(col("pair_b"))),
                        "left")
                .select(col("symbol_a"), col("symbol_b"), col("r").as("correlation"),
                        coalesce(col("n"), lit(0L)).as("observations"))
                .orderBy("symbol_a", "symbol_b");
    }
}
