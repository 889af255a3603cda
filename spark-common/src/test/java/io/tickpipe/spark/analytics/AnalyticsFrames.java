package io.tickpipe.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trades as a DataFrame, and the analytics' output read back as the records the pure-Java side
 * produces, so the two can be compared with equals.
 */
final class AnalyticsFrames {
    static final StructType TRADES = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType)
            .add("event_time", DataTypes.TimestampType)
            .add("sequence", DataTypes.LongType)
            .add("exchange", DataTypes.StringType); // not used by the analytics: must be ignored

    private AnalyticsFrames() {
    }


    static Dataset<Row> tradesFrame(SparkSession spark, List<TestTrade> trades) {
        List<Row> rows = trades.stream()
                .map(t -> RowFactory.create(t.symbol(), t.price(), t.size(), Micros.timestamp(t.micros()),
                        t.sequence(), "XNAS"))
                .toList();
        return spark.createDataFrame(rows, TRADES);
    }

    static List<Bar> bars(Dataset<Row> events) {
        return withMicros(MarketAnalytics.bars(events)).collectAsList().stream()
                .map(r -> new Bar(r.getAs("symbol"), r.getAs("interval"), r.<Long>getAs("time"),
                        r.getAs("open"), r.getAs("high"), r.getAs("low"), r.getAs("close"), r.getAs("volume"),
                        r.<Long>getAs("trade_count"), r.getAs("vwap"), r.<Boolean>getAs("final")))
                .toList();
    }

    static List<IndicatorValues> indicators(Dataset<Row> events) {
        return withMicros(MarketAnalytics.indicators(events)).collectAsList().stream()
                .map(r -> new IndicatorValues(r.getAs("symbol"), r.getAs("interval"), r.<Long>getAs("time"),
                        r.getAs("session_vwap"), r.getAs("sma"), r.getAs("ema"), r.getAs("rsi"),
                        r.getAs("bb_middle") == null ? null : new BollingerBands.Bands(r.getAs("bb_middle"),
                                r.getAs("bb_upper"), r.getAs("bb_lower"), r.getAs("bb_percent_b"), r.getAs("bb_bandwidth")),
                        r.getAs("macd") == null ? null : new MovingAverageConvergenceDivergence.Lines(r.getAs("macd"),
                                r.getAs("macd_signal"), r.getAs("macd_histogram")),
                        r.getAs("atr")))
                .toList();
    }

    static List<Anomaly> anomalies(Dataset<Row> events) {
        return withMicros(MarketAnalytics.anomalies(events)).collectAsList().stream()
                .map(r -> new Anomaly(r.getAs("symbol"), r.getAs("interval"),
                        AnomalyKind.valueOf(r.<String>getAs("kind").toUpperCase()), r.<Long>getAs("time"),
                        r.getAs("score"), r.getAs("close"), r.getAs("volume"), r.getAs("value")))
                .toList();
    }

    private static Dataset<Row> withMicros(Dataset<Row> projection) {
        return projection.withColumn("time", unix_micros(col("time")));
    }
}
