package io.tickpipe.batch.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Reduces what a chart draws to the screen's resolution: bars and indicators aggregated to each
 * symbol's {@link DisplayInterval} (chosen by {@link ChartResolution}), anomalies capped.
 */
public final class ChartDownsampling {
    /**
     * The most anomalies a chart marks: those with the largest |score|. More marks than that crowd a
     * chart of at most {@link ChartResolution#MAX_CANDLES} candles into one band of symbols.
     */
    public static final int ANOMALY_CAP = 500;

    private static final String BUCKET = "bucket";
    private static final String DISPLAY = "display_interval";

    private ChartDownsampling() {
    }

    /**
     * Bars of one interval ({@code symbol, interval, time, open, high, low, close, volume, trade_count,
     * vwap}; other columns are dropped) aggregated per symbol to its interval in {@code display}: open
     * of the earliest bar, close of the latest, high the highest, low the lowest, volume and trade count
     * summed, VWAP weighted by volume. Trade count and VWAP are null when a bar of the candle has none.
     * {@code interval} becomes the display interval's label, {@code time} the candle's start. Symbols
     * not in {@code display} are left out.
     */
    public static Dataset<Row> bars(Dataset<Row> bars, Map<String, DisplayInterval> display, ZoneId zone) {
        Column n = count(lit(1));
        Column allHaveVwap = count(col("vwap")).equalTo(n);
        Column volume = sum(col("volume"));
        Column vwap = when(n.equalTo(1), max(col("vwap")))
                .when(allHaveVwap.and(volume.gt(0)), sum(col("vwap").multiply(col("volume"))).divide(volume));
        return bucketed(bars, display, zone)
                .groupBy(col("symbol"), col(DISPLAY), col(BUCKET))
                .agg(min_by(col("open"), col("time")).as("open"),
                        max(col("high")).as("high"),
                        min(col("low")).as("low"),
                        max_by(col("close"), col("time")).as("close"),
                        volume.as("volume"),
                        when(count(col("trade_count")).equalTo(n), sum(col("trade_count"))).as("trade_count"),
                        vwap.as("vwap"))
                .select(col("symbol"), col(DISPLAY).as("interval"), col(BUCKET).as("time"), col("open"),
                        col("high"), col("low"), col("close"), col("volume"), col("trade_count"), col("vwap"));
    }

    /** The indicator columns a chart draws, in the order {@link #indicators} returns them. */
    public static final List<String> CHARTED_INDICATORS = List.of("session_vwap", "sma", "ema", "rsi", "bb_upper",
            "bb_lower", "macd", "macd_signal", "atr");

    /**
     * Indicators of one interval ({@code symbol, interval, time} and {@link #CHARTED_INDICATORS}; other
     * columns are dropped) per symbol at its interval in {@code display}: each the value of the candle's
     * last bar (null if that bar has none), as a chart of the finer bars would show at the candle's close.
     */
    public static Dataset<Row> indicators(Dataset<Row> indicators, Map<String, DisplayInterval> display,
                                          ZoneId zone) {
        Column last = col("time");
        List<Column> lastValues = new ArrayList<>();
        List<Column> columns = new ArrayList<>(List.of(col("symbol"), col(DISPLAY).as("interval"), col(BUCKET).as("time")));
        for (String indicator : CHARTED_INDICATORS) {
            lastValues.add(max_by(col(indicator), last).as(indicator));
            columns.add(col(indicator));
        }
        return bucketed(indicators, display, zone)
                .groupBy(col("symbol"), col(DISPLAY), col(BUCKET))
                .agg(lastValues.get(0), lastValues.subList(1, lastValues.size()).toArray(Column[]::new))
                .select(columns.toArray(Column[]::new));
    }

    /**
     * Anomalies ({@code symbol, interval, time, score} and any others), at most {@code cap} per symbol and
     * interval: those with the largest |score|, the earlier first among equals. Adds
     * {@code anomaly_count}, how many the symbol and interval had before the cap.
     */
    public static Dataset<Row> cappedAnomalies(Dataset<Row> anomalies, int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("anomaly cap " + cap + " is negative");
        }
        WindowSpec series = Window.partitionBy(col("symbol"), col("interval"));
        WindowSpec largestFirst = series.orderBy(abs(col("score")).desc(), col("time").asc(), col("kind").asc());
        return anomalies
                .withColumn("anomaly_count", count(lit(1)).over(series))
                .withColumn("anomaly_rank", row_number().over(largestFirst))
                .where(col("anomaly_rank").leq(cap))
                .drop("anomaly_rank");
    }

    private static Dataset<Row> bucketed(Dataset<Row> rows, Map<String, DisplayInterval> display, ZoneId zone) {
        if (display.isEmpty()) {
            return rows.where(lit(false)).withColumn(DISPLAY, lit("")).withColumn(BUCKET, col("time"));
        }
        Map<DisplayInterval, List<String>> symbolsBy = new LinkedHashMap<>();
        new TreeMap<>(display).forEach((symbol, interval) ->
                symbolsBy.computeIfAbsent(interval, i -> new ArrayList<>()).add(symbol));
        Column bucket = null;
        Column label = null;
        for (Map.Entry<DisplayInterval, List<String>> e : symbolsBy.entrySet()) {
            Column these = col("symbol").isin(e.getValue().toArray());
            Column start = e.getKey().bucketStart(col("time"), zone);
            bucket = bucket == null ? when(these, start) : bucket.when(these, start);
            label = label == null ? when(these, lit(e.getKey().label())) : label.when(these, lit(e.getKey().label()));
        }
        return rows.where(col("symbol").isin(display.keySet().toArray()))
                .withColumn(DISPLAY, label)
                .withColumn(BUCKET, bucket);
    }
}
