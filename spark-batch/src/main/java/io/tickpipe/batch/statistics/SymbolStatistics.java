package io.tickpipe.batch.statistics;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-symbol statistics over the analysed range at the summary interval: the {@code summary} table.
 * The definitions are in the {@linkplain io.tickpipe.batch.statistics package description}.
 *
 * <p>The bars are shuffled once, by symbol: the window functions (previous close, running peak) and
 * the per-symbol aggregation share that partitioning. The anomalies are counted per symbol on their
 * own and joined to the symbols' rows. Nothing is collected to the driver.
 */
public final class SymbolStatistics {
    /** The summary's columns, in order. */
    public static final List<String> COLUMNS = List.of("symbol", "interval", "first_time", "last_time", "open",
            "high", "low", "close", "volume", "trade_count", "vwap", "total_return", "log_return_mean",
            "log_return_stddev", "annualized_volatility", "annualization_factor", "max_drawdown",
            "drawdown_peak_time", "drawdown_trough_time", "anomalies", "anomalies_by_kind", "bar_count");

    private static final WindowSpec UP_TO_THIS_BAR = LogReturns.BY_SYMBOL_IN_TIME
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());

    private SymbolStatistics() {
    }

    /** The bars of {@code settings}' summary interval among {@code bars} (any intervals). */
    public static Dataset<Row> summaryIntervalBars(Dataset<Row> bars, SummarySettings settings) {
        return bars.where(col("interval").equalTo(settings.interval().label()));
    }

    /**
     * One row per symbol of {@code bars} at the summary interval, ordered by symbol, with
     * {@link #COLUMNS}. The job fails on a bar whose open or close is not a positive number, with a
     * message naming the bar.
     *
     * @param bars      bars as {@code MarketAnalytics.bars} gives them, of any intervals, at most one
     *                  per symbol, interval and time; only the summary interval's are read
     * @param anomalies anomalies as {@code MarketAnalytics.anomalies} gives them, of every analysed
     *                  interval: all of them are counted
     */
    public static Dataset<Row> summary(Dataset<Row> bars, Dataset<Row> anomalies, SummarySettings settings) {
        Dataset<Row> series = LogReturns.of(summaryIntervalBars(bars, settings))
                .withColumn("peak_close", max("close").over(UP_TO_THIS_BAR))
                // The latest bar at the running peak: a new high or an equal one restarts the drawdown.
                .withColumn("peak_time", max(when(col("close").equalTo(col("peak_close")), col("time")))
                        .over(UP_TO_THIS_BAR))
                .withColumn("drawdown", col("peak_close").minus(col("close")).divide(col("peak_close")));

        Column barCount = count(lit(1));
        Column returns = count(LogReturns.LOG_RETURN);
        Column volume = sum("volume");
        Dataset<Row> perSymbol = series.groupBy("symbol").agg(
                min("time").as("first_time"),
                max("time").as("last_start"),
                min_by(col("open"), col("time")).as("open"),
                max("high").as("high"),
                min("low").as("low"),
                max_by(col("close"), col("time")).as("close"),
                volume.as("volume"),
                when(count("trade_count").equalTo(barCount), sum("trade_count")).as("trade_count"),
                when(count("vwap").equalTo(barCount).and(volume.notEqual(0)),
                        sum(col("vwap").multiply(col("volume"))).divide(volume)).as("vwap"),
                avg(LogReturns.LOG_RETURN).as("log_return_mean"),
                when(returns.geq(2), stddev_samp(LogReturns.LOG_RETURN)).as("log_return_stddev"),
                max("drawdown").as("max_drawdown"),
                // The deepest drawdown; of equally deep ones, the first.
                min_by(struct(col("time").as("trough"), col("peak_time").as("peak")),
                        struct(col("drawdown").multiply(-1), col("time"))).as("drawdown_at"),
                barCount.as("bar_count"));

        double factor = settings.annualizationFactor();
        Column fell = col("max_drawdown").gt(0);
        Dataset<Row> summary = perSymbol
                .join(anomalyCounts(anomalies), perSymbol.col("symbol").equalTo(col("anomaly_symbol")), "left")
                .select(
                        perSymbol.col("symbol"),
                        lit(settings.interval().label()).as("interval"),
                        col("first_time"),
                        timestamp_micros(endMicros(settings).apply(unix_micros(col("last_start")))).as("last_time"),
                        col("open"), col("high"), col("low"), col("close"), col("volume"),
                        col("trade_count"), col("vwap"),
                        col("close").divide(col("open")).minus(1).as("total_return"),
                        col("log_return_mean"),
                        col("log_return_stddev"),
                        col("log_return_stddev").multiply(factor).as("annualized_volatility"),
                        lit(factor).as("annualization_factor"),
                        col("max_drawdown"),
                        when(fell, col("drawdown_at.peak")).as("drawdown_peak_time"),
                        when(fell, col("drawdown_at.trough")).as("drawdown_trough_time"),
                        coalesce(col("anomaly_count"), lit(0L)).as("anomalies"),
                        coalesce(col("anomaly_kinds"),
                                map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType)))
                                .as("anomalies_by_kind"),
                        col("bar_count"));
        return summary.orderBy("symbol");
    }

    /** Per symbol: {@code anomaly_count}, and {@code anomaly_kinds} keyed {@code <interval>/<kind>}. */
    private static Dataset<Row> anomalyCounts(Dataset<Row> anomalies) {
        return anomalies.groupBy("symbol", "interval", "kind").count()
                .groupBy(col("symbol").as("anomaly_symbol"))
                .agg(sum("count").as("anomaly_count"),
                        // Sorted, so a printed map reads the same in every run.
                        map_from_entries(array_sort(collect_list(
                                struct(concat_ws("/", col("interval"), col("kind")), col("count")))))
                                .as("anomaly_kinds"));
    }

    private static UserDefinedFunction endMicros(SummarySettings settings) {
        return udf((UDF1<Long, Long>) settings::endMicros, DataTypes.LongType);
    }
}
