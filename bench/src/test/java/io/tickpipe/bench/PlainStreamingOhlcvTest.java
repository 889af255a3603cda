package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The streaming baseline computes what it is compared with: after two micro-batches, the second
 * updating bars of the first, the last version of each bar equals a plain OHLCV of the same trades
 * (open and close by event time then sequence), for 1s and 1m; and the observation the benchmark
 * checks counts the bars and trades a micro-batch emits.
 */
class PlainStreamingOhlcvTest {
    private static final StructType TRADES = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("sequence", DataTypes.LongType)
            .add("price", DataTypes.DoubleType)
            .add("size", DataTypes.DoubleType);
    private static SparkSession spark;

    private record Print(String symbol, Instant time, long sequence, double price, double size) {
    }

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().appName("PlainStreamingOhlcvTest").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void lastVersionOfEachBarEqualsAPlainOhlcvAcrossMicroBatches(@TempDir Path dir) throws Exception {
        Random random = new Random(20260302L);
        Instant start = Instant.parse("2026-03-02T14:30:50Z");
        List<Print> prints = new ArrayList<>();
        for (String symbol : List.of("AAPL", "MSFT")) {
            long sequence = 0;
            for (int i = 0; i < 300; i++) {
                // Times on a 100 ms grid over 20 s, across a minute boundary: many trades share one.
                Instant time = start.plusMillis(100L * random.nextInt(200));
                prints.add(new Print(symbol, time, sequence++, 100 + random.nextInt(2_000) / 100.0, 1 + random.nextInt(500)));
            }
        }
        Collections.shuffle(prints, random);
        // Both halves span the whole 20 s, so the second batch updates bars of the first; the watermark
        // (5 s behind the first batch's newest trade) drops none of them: none is older than 15 s.
        List<Print> first = prints.subList(0, prints.size() / 2);
        List<Print> second = prints.subList(prints.size() / 2, prints.size());
        Instant newestOfFirst = first.stream().map(Print::time).max(Comparator.naturalOrder()).orElseThrow();
        second = second.stream().filter(p -> p.time().isAfter(newestOfFirst.minusSeconds(5))).toList();
        List<Print> used = new ArrayList<>(first);
        used.addAll(second);

        for (String interval : List.of("1s", "1m")) {
            MemoryStream<Row> input = new MemoryStream<>(interval.hashCode(), spark.sqlContext(), Option.empty(),
                    Encoders.row(TRADES));
            StreamingQuery query = PlainStreamingOhlcv.bars(input.toDF(), interval).writeStream()
                    .queryName("bars_" + interval).outputMode(OutputMode.Update()).format("memory")
                    .option("checkpointLocation", Files.createDirectories(dir.resolve(interval)).toString())
                    .start();
            try {
                input.addData(JavaConverters.asScalaIteratorConverter(rows(first).iterator()).asScala());
                query.processAllAvailable();
                // Summed over the batches so far: the first, and perhaps the watermark's, which emits nothing.
                long bars = 0;
                long trades = 0;
                for (var progress : query.recentProgress()) {
                    Row observed = progress.observedMetrics().get(PlainStreamingOhlcv.OBSERVED);
                    if (observed == null) {
                        continue; // a batch that ran no Spark job (the watermark's, with nothing to evict)
                    }
                    bars += observed.getLong(0);
                    trades += observed.isNullAt(1) ? 0 : observed.getLong(1);
                }
                assertThat(bars).as("bars emitted by the first batch").isEqualTo(plainOhlcv(first, interval).size());
                assertThat(trades).as("trades in them").isEqualTo(first.size());

                input.addData(JavaConverters.asScalaIteratorConverter(rows(second).iterator()).asScala());
                query.processAllAvailable();
            } finally {
                query.stop();
            }

            // The memory sink keeps every emitted version, batch after batch: the last one per bar counts.
            Map<String, Row> last = new LinkedHashMap<>();
            for (Row bar : spark.table("bars_" + interval).collectAsList()) {
                last.put(bar.<String>getAs("symbol") + " " + bar.<Timestamp>getAs("time").toInstant(), bar);
            }
            Map<String, double[]> expected = plainOhlcv(used, interval);
            assertThat(last.keySet()).as(interval).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(spark.table("bars_" + interval).count()).as(interval + ": the second batch updated bars")
                    .isGreaterThan(last.size());
            last.forEach((key, bar) -> assertThat(new double[] {bar.<Double>getAs("open"), bar.<Double>getAs("high"),
                    bar.<Double>getAs("low"), bar.<Double>getAs("close"), bar.<Double>getAs("volume"),
                    bar.<Long>getAs("trade_count")}).as(interval + " " + key + " open, high, low, close, volume, count")
                    .containsExactly(expected.get(key)));
        }
    }

    private static List<Row> rows(List<Print> prints) {
        return prints.stream().map(p -> RowFactory.create(p.symbol(), Timestamp.from(p.time()), p.sequence(), p.price(),
                p.size())).toList();
    }

    /** "SYMBOL START" -> open, high, low, close, volume, count, by sorting each bar's prints. */
    private static Map<String, double[]> plainOhlcv(List<Print> prints, String interval) {
        ChronoUnit unit = interval.equals("1s") ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
        Map<String, List<Print>> groups = new TreeMap<>();
        for (Print p : prints) {
            groups.computeIfAbsent(p.symbol() + " " + p.time().truncatedTo(unit), k -> new ArrayList<>()).add(p);
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
