package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.ReferenceAnalytics.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.LocalSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.Tuple5;
import scala.collection.JavaConverters;

class MarketAnalyticsStreamingTest {
    private static final long T0 = Micros.at("2026-01-05T14:30:00Z");
    private static final long S = Micros.SECOND;
    private static final AtomicInteger IDS = new AtomicInteger();

    private static SparkSession spark;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }


    /** A running analytics query over a MemoryStream of trades, its output in a memory table. */
    private final class Run implements AutoCloseable {
        private final MemoryStream<Tuple5<String, Double, Double, Timestamp, Long>> input;
        private final StreamingQuery query;
        private final String table;

        Run(AnalyticsConfig config) throws Exception {
            int id = IDS.incrementAndGet();
            input = new MemoryStream<>(id, spark.sqlContext(), Option.empty(), Encoders.tuple(
                    Encoders.STRING(), Encoders.DOUBLE(), Encoders.DOUBLE(), Encoders.TIMESTAMP(), Encoders.LONG()));
            table = "analytics_" + id;
            Dataset<Row> trades = input.toDF().toDF("symbol", "price", "size", "event_time", "sequence");
            query = MarketAnalytics.analyze(trades, config).writeStream()
                    .format("memory").queryName(table).outputMode("append")
                    .option("checkpointLocation", checkpoints.resolve(table).toString())
                    .start();
        }

        /** Adds one micro-batch and waits until it, and the no-data batch its watermark causes, ran. */
        Run feed(TestTrade... trades) {
            return feed(Arrays.asList(trades));
        }

        Run feed(List<TestTrade> trades) {
            List<Tuple5<String, Double, Double, Timestamp, Long>> tuples = trades.stream()
                    .map(t -> new Tuple5<>(t.symbol(), t.price(), t.size(), Micros.timestamp(t.micros()), t.sequence()))
                    .toList();
            input.addData(JavaConverters.asScalaBuffer(tuples).toSeq());
            query.processAllAvailable();
            return this;
        }

        Dataset<Row> events() {
            return spark.table(table);
        }

        long droppedByWatermark() {
            return Arrays.stream(query.recentProgress())
                    .flatMap(p -> Arrays.stream(p.stateOperators()))
                    .mapToLong(StateOperatorProgress::numRowsDroppedByWatermark)
                    .sum();
        }

        @Override
        public void close() throws Exception {
            query.stop();
        }
    }

    @Test
    void liveBarsBecomeFinalWithIndicatorsOnceTheWatermarkPassesAndLateTradesAreDroppedAndCounted()
            throws Exception {
        AnalyticsConfig config = AnalyticsConfig.builder().intervals("1s").watermark("2 seconds")
                .smaPeriod(2).emaPeriod(2).rsiPeriod(2).bollingerPeriod(2).atrPeriod(2).build();
        try (Run run = new Run(config)) {
            run.feed(new TestTrade("AAPL", 10, 1, T0 + S / 5, 0), new TestTrade("AAPL", 11, 1, T0 + 7 * S / 10, 1),
                    new TestTrade("AAPL", 12, 2, T0 + 13 * S / 10, 2));

            assertThat(AnalyticsFrames.bars(run.events()))
                    .containsExactlyInAnyOrder(
                            new Bar("AAPL", "1s", T0, 10, 11, 10, 11, 2, 2L, 10.5, false),
                            new Bar("AAPL", "1s", T0 + S, 12, 12, 12, 12, 2, 1L, 12.0, false));
            assertThat(AnalyticsFrames.indicators(run.events())).isEmpty();

            // Only MSFT trades: AAPL goes quiet, and its bars close by the state timeout.
            run.feed(new TestTrade("MSFT", 50, 1, T0 + 45 * S / 10, 0)); // watermark now T0 + 2.5 s

            List<Bar> aaplFinal = AnalyticsFrames.bars(run.events()).stream()
                    .filter(b -> b.symbol().equals("AAPL") && b.isFinal()).toList();
            assertThat(aaplFinal).containsExactlyInAnyOrder(
                    new Bar("AAPL", "1s", T0, 10, 11, 10, 11, 2, 2L, 10.5, true),
                    new Bar("AAPL", "1s", T0 + S, 12, 12, 12, 12, 2, 1L, 12.0, true));
            assertThat(AnalyticsFrames.indicators(run.events())).containsExactlyInAnyOrder(
                    new IndicatorValues("AAPL", "1s", T0, 10.5, null, null, null, null, null, null),
                    // Closes 11 and 12: deviation 0.5, bands 10.5 to 12.5; true ranges 1 and |12 - 11| = 1.
                    new IndicatorValues("AAPL", "1s", T0 + S, 45.0 / 4, 11.5, 11.5, null,
                            new BollingerBands.Bands(11.5, 12.5, 10.5, 0.75, 2 / 11.5), null, 1.0));

            run.feed(new TestTrade("AAPL", 99, 5, T0 + S / 2, 3), // older than the watermark: dropped
                    new TestTrade("MSFT", 51, 1, T0 + 7 * S, 1));

            assertThat(run.droppedByWatermark()).isEqualTo(1);
            List<Bar> bars = AnalyticsFrames.bars(run.events());
            assertThat(bars).filteredOn(b -> b.symbol().equals("AAPL")).hasSize(4)
                    .allSatisfy(b -> assertThat(b.high()).isLessThan(99));
            assertThat(bars).contains(new Bar("MSFT", "1s", T0 + 4 * S, 50, 50, 50, 50, 1, 1L, 50.0, true));
        }
    }

    @Test
    void finalResultsDoNotDependOnMicroBatchBoundariesAndEqualBatch() throws Exception {
        AnalyticsConfig config = AnalyticsConfig.builder().intervals("1s", "5s").watermark("2 seconds")
                .smaPeriod(3).emaPeriod(3).rsiPeriod(3).anomalyWindow(5).build();
        List<TestTrade> trades = TestTrade.stream(23, List.of("AAPL", "MSFT"), T0, 200, 10, 3 * S / 10);
        long flushAt = T0 + 60 * S;
        List<TestTrade> flush = List.of(new TestTrade("AAPL", 1, 1, flushAt, 999),
                new TestTrade("MSFT", 1, 1, flushAt, 999));

        List<AnalyticsEvent> twoBatches = finalEvents(config, trades, flush, 150);
        List<AnalyticsEvent> fiveBatches = finalEvents(config, trades, flush, 37, 120, 199, 311);

        assertThat(twoBatches).containsExactlyInAnyOrderElementsOf(fiveBatches);
        List<AnalyticsEvent> batch = ReferenceAnalytics.finalEvents(trades, config);
        assertThat(only(twoBatches, Bar.class)).hasSize(2 * (21 + 5))
                .containsExactlyInAnyOrderElementsOf(only(batch, Bar.class));
        assertThat(only(twoBatches, IndicatorValues.class))
                .containsExactlyInAnyOrderElementsOf(only(batch, IndicatorValues.class));
        assertThat(only(twoBatches, Anomaly.class))
                .containsExactlyInAnyOrderElementsOf(only(batch, Anomaly.class));
    }

    /** Final bars, indicators and anomalies before the flush, with the input cut at {@code cuts}. */
    private List<AnalyticsEvent> finalEvents(AnalyticsConfig config, List<TestTrade> trades,
            List<TestTrade> flush, int... cuts) throws Exception {
        try (Run run = new Run(config)) {
            int from = 0;
            for (int cut : cuts) {
                run.feed(trades.subList(from, cut));
                from = cut;
            }
            run.feed(trades.subList(from, trades.size()));
            run.feed(flush);
            assertThat(run.droppedByWatermark()).isZero();

            Predicate<AnalyticsEvent> beforeFlush = e -> e.startMicros() < flush.get(0).micros() - 10 * S;
            List<AnalyticsEvent> events = new ArrayList<>();
            AnalyticsFrames.bars(run.events()).stream().filter(Bar::isFinal).filter(beforeFlush).forEach(events::add);
            AnalyticsFrames.indicators(run.events()).stream().filter(beforeFlush).forEach(events::add);
            AnalyticsFrames.anomalies(run.events()).stream().filter(beforeFlush).forEach(events::add);
            return events;
        }
    }
}
