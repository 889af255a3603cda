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

/** An anomaly as {@code MarketAnalytics.anomalies} has it; only symbol, interval and kind matter here. */
record TestAnomaly(String symbol, String interval, String kind, Instant time) {

    static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("interval", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType)
            .add("time", DataTypes.TimestampType, false)
            .add("score", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType);

    static Dataset<Row> frame(SparkSession spark, List<TestAnomaly> anomalies) {
        List<Row> rows = anomalies.stream()
                .map(a -> RowFactory.create(a.symbol, a.interval, a.kind, Timestamp.from(a.time), 5.0, 10.0, 100.0,
                        0.1))
                .toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
