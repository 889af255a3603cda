package io.tickpipe.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the baselines' tests share: trades as plain values, the rows the baselines read, a local
 * Spark session, and the reference OHLCV they are compared with, computed by sorting each bar's
 * trades instead of by Spark.
 */
final class TradePrints {
    /** The columns both baselines read from decoded trades. */
    static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("sequence", DataTypes.LongType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType);

    record Print(String symbol, Instant time, long sequence, double price, double size) {
    }

    private TradePrints() {
    }

    static SparkSession localSpark(String name, int shufflePartitions) {
        return SparkSession.builder().appName(name).master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    static List<Row> rows(List<Print> prints) {
        return prints.stream().map(p -> RowFactory.create(p.symbol(), Timestamp.from(p.time()), p.sequence(), p.price(),
                p.size())).toList();
    }

    /**
     * Bar key (as {@code barKey} names each print's bar) -> open, high, low, close, volume, count: each
     * bar's prints sorted by event time then sequence.
     */
    static Map<String, double[]> ohlcv(List<Print> prints, Function<Print, String> barKey) {
        Map<String, List<Print>> groups = new TreeMap<>();
        for (Print p : prints) {
            groups.computeIfAbsent(barKey.apply(p), k -> new ArrayList<>()).add(p);
        }
        Map<String, double[]> bars = new TreeMap<>();
        groups.forEach((key, group) -> {
            List<Print> ordered = group.stream()
                    .sorted(Comparator.comparing(Print::time).thenComparingLong(Print::sequence)).toList();
            double volume = 0;
            for (Print p : ordered) {
                volume += p.size(); // whole numbers: exact in any order
            }
            bars.put(key, new double[] {ordered.get(0).price(), ordered.stream().mapToDouble(Print::price).max().orElseThrow(),
                    ordered.stream().mapToDouble(Print::price).min().orElseThrow(), ordered.get(ordered.size() - 1).price(),
                    volume, ordered.size()});
        });
        return bars;
    }
}
