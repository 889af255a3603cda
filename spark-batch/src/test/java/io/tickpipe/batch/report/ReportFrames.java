package io.tickpipe.batch.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of the analysis tables for tests, as plain records and as DataFrames. */
final class ReportFrames {
    static final StructType BARS = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("interval", DataTypes.StringType)
            .add("time", DataTypes.TimestampType)
            .add("open", DataTypes.DoubleType)
            .add("high", DataTypes.DoubleType)
            .add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType)
            .add("trade_count", DataTypes.LongType)
            .add("vwap", DataTypes.DoubleType)
            .add("final", DataTypes.BooleanType); // not used by the report: must be ignored
    static final StructType INDICATORS = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("interval", DataTypes.StringType)
            .add("time", DataTypes.TimestampType)
            .add("session_vwap", DataTypes.DoubleType)
            .add("sma", DataTypes.DoubleType)
            .add("ema", DataTypes.DoubleType)
            .add("rsi", DataTypes.DoubleType);
    static final StructType ANOMALIES = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("interval", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("time", DataTypes.TimestampType)
            .add("score", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType);

    private ReportFrames() {
    }

    record TestBar(String symbol, String interval, Instant time, double open, double high, double low, double close,
                   double volume, Long tradeCount, Double vwap) {
        Row row() {
            return RowFactory.create(symbol, interval, Timestamp.from(time), open, high, low, close, volume, tradeCount,
                    vwap, true);
        }
    }

    record TestIndicators(String symbol, String interval, Instant time, Double sessionVwap, Double sma, Double ema,
                          Double rsi) {
        Row row() {
            return RowFactory.create(symbol, interval, Timestamp.from(time), sessionVwap, sma, ema, rsi);
        }
    }

    record TestAnomaly(String symbol, String interval, String kind, Instant time, double score, double close) {
        Row row() {
            return RowFactory.create(symbol, interval, kind, Timestamp.from(time), score, close, 1_000.0, 0.01);
        }
    }

    static Dataset<Row> bars(SparkSession spark, List<TestBar> bars) {
        return spark.createDataFrame(bars.stream().map(TestBar::row).toList(), BARS);
    }

    static Dataset<Row> indicators(SparkSession spark, List<TestIndicators> rows) {
        return spark.createDataFrame(rows.stream().map(TestIndicators::row).toList(), INDICATORS);
    }

    static Dataset<Row> anomalies(SparkSession spark, List<TestAnomaly> rows) {
        return spark.createDataFrame(rows.stream().map(TestAnomaly::row).toList(), ANOMALIES);
    }

    static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }

    static Double nullableDouble(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? null : r.<Double>getAs(column);
    }
}
