package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.model.AnomalyModels;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SparkJobProcess;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch equals stream at the job level: the streaming job (its jar, in its own JVM) over a topic,
 * then {@code spark-batch analyze --source kafka} over the same topic; every bar, indicator and
 * anomaly the stream made final is in the analysis' Parquet tables with the same values, and the
 * analysis has nothing more before the stream's watermark. Both score with the same anomaly model,
 * trained on the trades beforehand: their anomalies of kind model agree as the others do.
 */
class StreamAndAnalysisAgreeIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final String[] ANALYTICS = {"--intervals", "1s,1m", "--sma-period", "5", "--ema-period", "5",
            "--rsi-period", "5", "--anomaly-window", "10"};
    private static final long WATERMARK_MICROS = 5_000_000L;

    @Test
    void analyzingTheTopicGivesEveryBarIndicatorAndAnomalyTheStreamMadeFinal(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "agree");
        MarketCsv csv = MarketCsv.write(dir, 23, SYMBOLS, START, 150, 4);
        // A print far off the price: a return anomaly in both intervals.
        Path spike = MarketCsv.trades(dir.resolve("spike.csv"), "AAPL", List.of(START.plusSeconds(100).plusMillis(500)), 5_000.0);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                "--replay-file", csv.trades.toString(), "--replay-file", spike.toString()));
        List<Trade> trades = KafkaIo.consume(stack.kafkaBootstrapServers(), fixture.tradesTopic(), csv.tradeCount + 1, deserializer(stack))
                .stream().map(ConsumerRecord::value).map(Trade.class::cast).toList();
        long watermark = ChronoUnit.MICROS.between(Instant.EPOCH,
                trades.stream().map(Trade::getEventTime).max(Instant::compareTo).orElseThrow()) - WATERMARK_MICROS;
        long finalSeconds = ExpectedBars.of(trades, 1_000_000L).keySet().stream()
                .filter(k -> k.startMicros() + 1_000_000L <= watermark).count();

        SparkSession spark = LocalSpark.session();
        Path model = dir.resolve("model");
        StringWriter trainErr = new StringWriter();
        JobCommandLine.Launch<Object> train = BatchJob.parse(new String[] {"train-anomaly-model", "--source", "csv",
            "--trades", csv.trades.toString(), "--interval", "1s", "--model-dir", model.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(trainErr, true));
        assertThat(train.config()).as(trainErr.toString()).isNotNull();
        assertThat(BatchJob.run(spark, train.config())).isZero();
        String[] analytics = concat(ANALYTICS, "--anomaly-model", model.toString());

        Influx influx = fixture.influx();
        try (SparkJobProcess stream = SparkJobProcess.start("spark-stream", "io.tickpipe.stream.StreamJob", dir.resolve("stream.log"),
                fixture.jobArgs(dir, analytics))) {
            Eventually.until(Duration.ofMinutes(4),
                    () -> !stream.isAlive() || influx.count("SELECT count(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true") >= finalSeconds,
                    () -> "final 1s bars " + influx.count("SELECT count(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true")
                            + " of " + finalSeconds);
            assertThat(stream.isAlive()).as(stream.log()).isTrue();
        }

        Path out = dir.resolve("analysis");
        // Summarised at 1m, so the analysis makes exactly the stream's intervals.
        List<String> args = new ArrayList<>(List.of("analyze", "--source", "kafka", "--summary-interval", "1m",
                "--output-dir", out.toString()));
        args.addAll(List.of(fixture.jobArgs(analytics)));
        StringWriter err = new StringWriter();
        JobCommandLine.Launch<Object> launch = BatchJob.parse(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(launch.config()).as(err.toString()).isNotNull();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AnalyzeConfig analyze = (AnalyzeConfig) launch.config();
        analyze = analyze.withAnalytics(AnomalyModels.attach(spark, analyze.anomalyModelDir(), analyze.analytics()));
        assertThat(Analysis.run(spark, analyze, new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("summary of 3 symbols").contains("rejected: none");

        // Bars: the stream's final ones, keyed by symbol, interval and start, against the analysis'.
        Map<String, Map<String, Object>> streamBars = byKey(influx.rows("SELECT * FROM bars WHERE final = true"));
        Map<String, Row> batchBars = byKey(spark, out.resolve("bars"));
        assertThat(streamBars).hasSizeGreaterThanOrEqualTo((int) finalSeconds);
        for (Map.Entry<String, Map<String, Object>> bar : streamBars.entrySet()) {
            Row batch = batchBars.get(bar.getKey());
            assertThat(batch).as("the analysis' bar %s", bar.getKey()).isNotNull();
            for (String field : List.of("open", "high", "low", "close", "volume", "vwap")) {
                assertThat(batch.<Double>getAs(field)).as("%s of %s", field, bar.getKey()).isEqualTo(Influx.number(bar.getValue(), field));
            }
            assertThat(batch.<Long>getAs("trade_count")).isEqualTo((long) Influx.number(bar.getValue(), "trade_count"));
        }
        assertThat(beforeWatermark(batchBars.keySet(), watermark)).as("bars the stream made final")
                .containsExactlyInAnyOrderElementsOf(streamBars.keySet());

        // Indicators of every final bar.
        Map<String, Map<String, Object>> streamIndicators = byKey(influx.rows("SELECT * FROM indicators"));
        Map<String, Row> batchIndicators = byKey(spark, out.resolve("indicators"));
        assertThat(streamIndicators).hasSameSizeAs(streamBars);
        for (Map.Entry<String, Map<String, Object>> row : streamIndicators.entrySet()) {
            Row batch = batchIndicators.get(row.getKey());
            assertThat(batch).as("the analysis' indicators %s", row.getKey()).isNotNull();
            for (String field : List.of("session_vwap", "sma_5", "ema_5", "rsi_5")) {
                Object streamValue = row.getValue().get(field);
                assertThat(batch.<Double>getAs(field)).as("%s of %s", field, row.getKey())
                        .isEqualTo(streamValue == null ? null : Influx.number(row.getValue(), field));
            }
        }

        // Anomalies: the same bars flagged, the same scores.
        Map<String, Map<String, Object>> streamAnomalies = new HashMap<>();
        for (Map<String, Object> row : influx.rows("SELECT * FROM anomalies")) {
            streamAnomalies.put(key(row) + " " + row.get("kind"), row);
        }
        Map<String, Row> batchAnomalies = new HashMap<>();
        for (Row row : spark.read().parquet(out.resolve("anomalies").toString())
                .withColumn("time", unix_micros(col("time"))).collectAsList()) {
            if (row.<Long>getAs("time") + intervalMicros(row.getAs("interval")) <= watermark) {
                batchAnomalies.put(row.getAs("symbol") + " " + row.getAs("interval") + " " + row.getAs("time") + " " + row.getAs("kind"), row);
            }
        }
        assertThat(streamAnomalies).isNotEmpty();
        assertThat(streamAnomalies.keySet()).as("the model's anomalies, the spike's bar among them")
                .anyMatch(key -> key.startsWith("AAPL 1s " + (ChronoUnit.MICROS.between(Instant.EPOCH, START) + 100_000_000L))
                        && key.endsWith(" model"));
        assertThat(batchAnomalies.keySet()).containsExactlyInAnyOrderElementsOf(streamAnomalies.keySet());
        streamAnomalies.forEach((key, row) -> {
            for (String field : List.of("score", "close", "volume", "value")) {
                assertThat(batchAnomalies.get(key).<Double>getAs(field)).as("%s of %s", field, key).isEqualTo(Influx.number(row, field));
            }
        });
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String key(Map<String, Object> row) {
        return row.get("symbol") + " " + row.get("interval") + " " + Influx.micros(row);
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> keyed = new HashMap<>();
        rows.forEach(row -> keyed.put(key(row), row));
        return keyed;
    }

    private static Map<String, Row> byKey(SparkSession spark, Path table) {
        Map<String, Row> keyed = new HashMap<>();
        for (Row row : spark.read().parquet(table.toString()).withColumn("time", unix_micros(col("time"))).collectAsList()) {
            keyed.put(row.getAs("symbol") + " " + row.getAs("interval") + " " + row.getAs("time"), row);
        }
        return keyed;
    }

    /** The keys of bars that ended by the stream's watermark, which the stream therefore made final. */
    private static List<String> beforeWatermark(Iterable<String> keys, long watermark) {
        List<String> kept = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split(" ");
            if (Long.parseLong(parts[2]) + intervalMicros(parts[1]) <= watermark) {
                kept.add(key);
            }
        }
        return kept;
    }

    private static long intervalMicros(String interval) {
        return interval.equals("1s") ? 1_000_000L : 60_000_000L;
    }

    private static KafkaAvroDeserializer deserializer(LocalStack stack) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
        return deserializer;
    }
}
