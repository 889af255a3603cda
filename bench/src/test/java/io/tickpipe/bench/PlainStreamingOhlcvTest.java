package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.bench.TradePrints.Print;
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
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
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
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TradePrints.localSpark("PlainStreamingOhlcvTest", 2);
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
                    Encoders.row(TradePrints.SCHEMA));
            StreamingQuery query = PlainStreamingOhlcv.bars(input.toDF(), interval).writeStream()
                    .queryName("bars_" + interval).outputMode(OutputMode.Update()).format("memory")
                    .option("checkpointLocation", Files.createDirectories(dir.resolve(interval)).toString())
                    .start();
            try {
                input.addData(JavaConverters.asScalaIteratorConverter(TradePrints.rows(first).iterator()).asScala());
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

                input.addData(JavaConverters.asScalaIteratorConverter(TradePrints.rows(second).iterator()).asScala());
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

    /** "SYMBOL START" -> open, high, low, close, volume, count of the interval's bars. */
    private static Map<String, double[]> plainOhlcv(List<Print> prints, String interval) {
        ChronoUnit unit = interval.equals("1s") ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
        return TradePrints.ohlcv(prints, p -> p.symbol() + " " + p.time().truncatedTo(unit));
    }
}
