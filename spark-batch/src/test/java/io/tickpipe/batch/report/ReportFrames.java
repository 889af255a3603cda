package io.tickpipe.batch.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
    static final StructType INDICATORS = indicatorsSchema();
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

    /**
     * A row of the indicators table: {@code values} are those of {@link ChartDownsampling#CHARTED_INDICATORS}, in
     * that order; as a DataFrame row it also has a {@code bb_middle}, which charts do not draw.
     */
    record TestIndicators(String symbol, String interval, Instant time, List<Double> values) {
        TestIndicators {
            if (values.size() != ChartDownsampling.CHARTED_INDICATORS.size()) {
                throw new IllegalArgumentException(values.size() + " values for " + ChartDownsampling.CHARTED_INDICATORS);
            }
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** Values in the order session_vwap, sma, ema, rsi, bb_upper, bb_lower, macd, macd_signal, atr. */
        static TestIndicators of(String symbol, String interval, Instant time, Double... values) {
            return new TestIndicators(symbol, interval, time, Arrays.asList(values));
        }

        Double value(String column) {
            return values.get(ChartDownsampling.CHARTED_INDICATORS.indexOf(column));
        }

        Double sma() {
            return value("sma");
        }

        Row row() {
            List<Object> cells = new ArrayList<>(List.of(symbol, interval, Timestamp.from(time)));
            cells.addAll(values);
            cells.add(values.get(1) == null ? null : values.get(1) + 0.5);
            return RowFactory.create(cells.toArray());
        }

        /** The row Spark returned with {@link ChartDownsampling#indicators}' columns. */
        static TestIndicators of(Row r) {
            List<Double> values = new ArrayList<>();
            ChartDownsampling.CHARTED_INDICATORS.forEach(column -> values.add(nullableDouble(r, column)));
            return new TestIndicators(r.getString(0), r.getString(1), instant(r.get(2)), values);
        }
    }

    private static StructType indicatorsSchema() {
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
                .add("time", DataTypes.TimestampType);
        for (String column : ChartDownsampling.CHARTED_INDICATORS) {
            schema = schema.add(column, DataTypes.DoubleType);
        }
        return schema.add("bb_middle", DataTypes.DoubleType); // not charted: must be dropped
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
