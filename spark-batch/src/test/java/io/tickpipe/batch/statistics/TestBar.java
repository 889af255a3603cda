package io.tickpipe.batch.statistics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A bar as {@code MarketAnalytics.bars} has it; trade count and VWAP may be missing (vendor bars). */
record TestBar(String symbol, String interval, Instant time, double open, double high, double low, double close,
        double volume, Long tradeCount, Double vwap) {

    static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("interval", DataTypes.StringType, false)
            .add("time", DataTypes.TimestampType, false)
            .add("open", DataTypes.DoubleType)
            .add("high", DataTypes.DoubleType)
            .add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType)
            .add("trade_count", DataTypes.LongType)
            .add("vwap", DataTypes.DoubleType)
            .add("final", DataTypes.BooleanType);

    /** A daily bar whose prices are all {@code close}. */
    static TestBar flat(String symbol, Instant time, double close) {
        return new TestBar(symbol, "1d", time, close, close, close, close, 100, 10L, close);
    }

    static Dataset<Row> frame(SparkSession spark, List<TestBar> bars) {
        List<Row> rows = bars.stream()
                .map(b -> RowFactory.create(b.symbol, b.interval, Timestamp.from(b.time), b.open, b.high, b.low,
                        b.close, b.volume, b.tradeCount, b.vwap, true))
                .toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
