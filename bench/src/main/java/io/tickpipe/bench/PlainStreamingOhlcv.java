package io.tickpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@link StreamThroughputBench}'s baseline: the plain Structured Streaming job a user would write
 * instead of spark-stream for 1s and 1m bars, run the same way (spark-submit on spark-stream's Spark
 * classpath and jar) and timed the same way (from its queries' checkpoints).
 *
 * <p>{@code BOOTSTRAP TOPIC CHECKPOINT_DIR TRIGGER}: per interval one query (Spark refuses two
 * streaming aggregations in one query in update mode), each reading the whole topic with Spark's
 * Kafka source from the earliest offsets, decoding it with {@code from_avro} after cutting off the
 * Confluent header ({@link PlainSparkOhlcv#decode}), with the watermark spark-stream uses by default,
 * into {@link PlainSparkOhlcv#ohlcv} ({@code groupBy(symbol, window)}: open and close by event time
 * then sequence, high, low, volume, count), in update mode into the {@code noop} sink, checkpointed
 * in {@code CHECKPOINT_DIR/<query>}. It runs until it is stopped.
 *
 * <p>What it leaves out that spark-stream's analytics query does: VWAP, indicators, anomalies, final
 * bars (update mode emits every change of a bar; nothing says which version is the last), late-trade
 * counts, writing anywhere, and the schema registry (the writer schema id is cut off, not looked up).
 *
 * <p>So that the benchmark can check that it saw every trade without a second read of its output,
 * each query observes the sum of {@code trade_count} over the bars it emits ({@link #bars}); a
 * listener prints it per micro-batch ({@link #PROGRESS}) on standard output, off the query's thread.
 * The sum over batches is the trades aggregated exactly when each bar is emitted once, which holds
 * for a backlog read in one micro-batch (no {@code maxOffsetsPerTrigger}: Spark's default).
 */
public final class PlainStreamingOhlcv {
    /** spark-stream's default {@code --watermark}. */
    static final String WATERMARK = "5 seconds";
    /** Interval label to window duration, as spark-stream's default {@code --intervals 1s,1m}. */
    static final Map<String, String> INTERVALS = Map.of("1s", "1 second", "1m", "1 minute");
    static final String OBSERVED = "emitted";
    static final Pattern PROGRESS = Pattern.compile("^plain-streaming-ohlcv: query (\\S+) batch (\\d+): (\\d+) bars emitted, "
            + "(\\d+) trades in them$");

    private PlainStreamingOhlcv() {
    }

    public static void main(String[] args) throws TimeoutException, StreamingQueryException {
        if (args.length != 4) {
            System.err.println("usage: PlainStreamingOhlcv BOOTSTRAP TOPIC CHECKPOINT_DIR TRIGGER; got " + List.of(args));
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("plain-streaming-ohlcv").getOrCreate();
        spark.streams().addListener(new PrintObserved());
        for (String interval : List.of("1s", "1m")) {
            Dataset<Row> trades = PlainSparkOhlcv.decode(spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", args[0])
                    .option("subscribe", args[1])
                    .option("startingOffsets", "earliest")
                    .load());
            toNoop(bars(trades, interval), "bars_" + interval, args[2] + "/bars_" + interval, args[3]).start();
        }
        spark.streams().awaitAnyTermination();
    }

    /**
     * OHLCV bars of the streaming {@code trades} at {@code interval} (a key of {@link #INTERVALS}),
     * behind spark-stream's watermark, with the observation {@value #OBSERVED} (bars, trades in them)
     * over what each micro-batch emits.
     */
    static Dataset<Row> bars(Dataset<Row> trades, String interval) {
        String duration = INTERVALS.get(interval);
        if (duration == null) {
            throw new IllegalArgumentException("interval " + interval + ": one of " + INTERVALS.keySet());
        }
        return PlainSparkOhlcv.ohlcv(trades.withWatermark("event_time", WATERMARK), interval, duration)
                .observe(OBSERVED, count(lit(1)).as("bars"), sum(col("trade_count")).as("trades"));
    }

    /** {@code bars} in update mode into the {@code noop} sink, on a processing-time trigger. */
    static DataStreamWriter<Row> toNoop(Dataset<Row> bars, String queryName, String checkpoint, String trigger) {
        return bars.writeStream()
                .queryName(queryName)
                .outputMode(OutputMode.Update())
                .format("noop")
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.ProcessingTime(trigger));
    }

    /** The observed bars and trades of a progress line, or null if the line is none. */
    static long[] parseProgress(String line) {
        Matcher m = PROGRESS.matcher(line);
        return m.matches() ? new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(4))} : null;
    }

    /** Prints each micro-batch's {@value #OBSERVED} observation, on Spark's listener bus thread. */
    private static final class PrintObserved extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            Row observed = event.progress().observedMetrics().get(OBSERVED);
            if (observed != null) {
                System.out.println(String.format(Locale.ROOT, "plain-streaming-ohlcv: query %s batch %d: %d bars emitted, "
                        + "%d trades in them", event.progress().name(), event.progress().batchId(), observed.getLong(0),
                        observed.isNullAt(1) ? 0 : observed.getLong(1)));
            }
        }

        @Override
        public void onQueryIdle(QueryIdleEvent event) {
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }
    }
}
