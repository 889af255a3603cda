package io.tickpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import io.tickpipe.market.Trade;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@link BatchBench}'s side B, the baseline: the plain Spark batch job a user would write instead of
 * {@code spark-batch analyze}, run the same way (spark-submit of spark-batch.jar, which carries Spark's
 * Kafka source and spark-avro) and timed the same way ({@link SideTiming}).
 *
 * <ul>
 *   <li>{@code kafka BOOTSTRAP TOPIC OUTPUT_DIR}: the whole topic with Spark's Kafka source (its
 *       defaults: earliest to latest offsets), decoded with Spark's {@code from_avro} after cutting
 *       off the 5-byte Confluent header ({@code substring(value, 6)}), reader schema Trade.avsc. The
 *       decoded trades are persisted (memory and disk) for the two aggregations, as a user would
 *       rather than read Kafka twice, and as ours persists its decoded records.</li>
 *   <li>{@code parquet DIR OUTPUT_DIR}: the archive's trades, {@code spark.read().parquet(DIR)}, not
 *       persisted: a second scan of a few Parquet columns costs less than caching every row.</li>
 * </ul>
 * Then OHLCV per symbol at 1m and 1d with {@code groupBy(symbol, window(event_time, ...))}: open and
 * close by event time then sequence ({@code min_by}/{@code max_by} on the struct (event_time,
 * sequence)), high, low, volume (sum of sizes) and trade count, written as one Parquet table
 * {@code OUTPUT_DIR/bars} with an {@code interval} column, as ours writes its bars.
 *
 * <p>What it does NOT do that {@code analyze} does, and why the target is 0.8x, not 1.0x: no VWAP,
 * no indicators (session VWAP, SMA, EMA, RSI), no anomalies, no per-symbol statistics, no correlation
 * matrix, no summary; its 1d bars are UTC days of {@code window}, not calendar days of the session's
 * time zone; its sums are doubles, where ours keeps exact decimal sums; it reads the writer schema from
 * nowhere (the Confluent header's schema id is cut off, not looked up in the registry), so a record
 * written with another schema version would be misread or fail the job, where ours resolves each
 * record's writer schema from the registry and counts undecodable records by reason.
 */
public final class PlainSparkOhlcv {

    private PlainSparkOhlcv() {
    }

    public static void main(String[] args) {
        List<String> given = List.of(args);
        boolean kafka = given.size() == 4 && given.get(0).equals("kafka");
        if (!kafka && !(given.size() == 3 && given.get(0).equals("parquet"))) {
            System.err.println("usage: PlainSparkOhlcv kafka BOOTSTRAP TOPIC OUTPUT_DIR | parquet DIR OUTPUT_DIR; got " + given);
            System.exit(2);
        }
        String outputDir = given.get(given.size() - 1);
        SparkSession spark = SparkSession.builder().appName("plain-spark-ohlcv").getOrCreate();
        try {
            long start = System.nanoTime();
            Dataset<Row> trades = kafka
                    ? fromKafka(spark, given.get(1), given.get(2)).persist(StorageLevel.MEMORY_AND_DISK())
                    : spark.read().parquet(given.get(1));
            bars(trades).write().mode(SaveMode.Overwrite).parquet(outputDir + "/bars");
            trades.unpersist();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(new SideTiming(seconds, SideTiming.tradesInDailyBars(spark, outputDir + "/bars")).line());
        } finally {
            spark.stop();
        }
    }

    /** The topic's trades: all its records, {@link #decode}d. */
    static Dataset<Row> fromKafka(SparkSession spark, String bootstrap, String topic) {
        return decode(spark.read().format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .load());
    }

    /** Kafka rows' {@code value}s decoded with {@code from_avro}, the Confluent header cut off: the Trade's fields. */
    static Dataset<Row> decode(Dataset<Row> kafkaRows) {
        return kafkaRows.select(functions.from_avro(expr("substring(value, 6)"), Trade.getClassSchema().toString()).as("trade"))
                .select("trade.*");
    }

    /**
     * OHLCV of {@code trades} ({@code symbol, event_time, sequence, price, size}) at 1m and 1d (UTC
     * days): {@code symbol, interval, time, open, high, low, close, volume, trade_count}.
     */
    static Dataset<Row> bars(Dataset<Row> trades) {
        return ohlcv(trades, "1m", "1 minute").unionByName(ohlcv(trades, "1d", "1 day"));
    }

    /**
     * OHLCV of {@code trades} in windows of {@code duration}, labelled {@code label}: the aggregation
     * both baselines run, the batch one here and the streaming one ({@link PlainStreamingOhlcv}).
     */
    static Dataset<Row> ohlcv(Dataset<Row> trades, String label, String duration) {
        Column order = struct(col("event_time"), col("sequence"));
        return trades.groupBy(col("symbol"), window(col("event_time"), duration))
                .agg(min_by(col("price"), order).as("open"), max(col("price")).as("high"), min(col("price")).as("low"),
                        max_by(col("price"), order).as("close"), sum(col("size")).as("volume"),
                        count(lit(1)).as("trade_count"))
                .select(col("symbol"), lit(label).as("interval"), col("window.start").as("time"), col("open"), col("high"),
                        col("low"), col("close"), col("volume"), col("trade_count"));
    }
}
