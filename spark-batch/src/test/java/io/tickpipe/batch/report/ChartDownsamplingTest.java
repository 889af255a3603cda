package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.batch.report.ReportFrames.TestAnomaly;
import io.tickpipe.batch.report.ReportFrames.TestBar;
import io.tickpipe.batch.report.ReportFrames.TestIndicators;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.testing.LocalSpark;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChartDownsamplingTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // Clocks in New York went forward at 2024-03-10 07:00 UTC: that day had 23 hours.
    private static final Instant BEFORE_DST = Instant.parse("2024-03-09T20:00:00Z");
    private static final Map<String, DisplayInterval> DISPLAY = Map.of(
            "DAYS", ladder("1d"),
            "QUARTERS", ladder("15m"),
            "ASIS", DisplayInterval.of(BarInterval.parse("1m")),
            "WEEKS", ladder("1w"),
            "MONTHS", ladder("1mo"));

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void barsAggregateToEachSymbolsIntervalAsThePlainJavaComputation() {
        List<TestBar> bars = bars();

        List<TestBar> actual = read(ChartDownsampling.bars(ReportFrames.bars(spark, bars), DISPLAY, NEW_YORK));

        assertBarsMatch(actual, ReferenceDownsampling.bars(bars, DISPLAY, NEW_YORK));
        // Across the change to daylight time: the calendar days of New York, one of 23 hours.
        assertThat(actual.stream().filter(b -> b.symbol().equals("DAYS")).map(TestBar::time))
                .containsExactly(Instant.parse("2024-03-09T05:00:00Z"), Instant.parse("2024-03-10T05:00:00Z"),
                        Instant.parse("2024-03-11T04:00:00Z"));
        assertThat(actual.stream().filter(b -> b.symbol().equals("WEEKS")).map(TestBar::time).findFirst())
                .contains(Instant.parse("2024-01-01T05:00:00Z")); // a Monday
        assertThat(actual.stream().filter(b -> b.symbol().equals("MONTHS")).map(TestBar::interval).distinct())
                .containsExactly("1mo");
    }

    @Test
    void barsDrawnAsTheyAreComeOutUnchanged() {
        List<TestBar> bars = bars().stream().filter(b -> b.symbol().equals("ASIS")).toList();

        List<TestBar> actual = read(ChartDownsampling.bars(ReportFrames.bars(spark, bars), DISPLAY, NEW_YORK));

        assertThat(actual).containsExactlyElementsOf(bars);
    }

    @Test
    void theBucketsDoNotDependOnTheSessionTimeZone() {
        List<TestBar> bars = bars();
        String zone = spark.conf().get("spark.sql.session.timeZone");
        spark.conf().set("spark.sql.session.timeZone", "Asia/Tokyo");
        try {
            assertBarsMatch(read(ChartDownsampling.bars(ReportFrames.bars(spark, bars), DISPLAY, NEW_YORK)),
                    ReferenceDownsampling.bars(bars, DISPLAY, NEW_YORK));
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }
    }

    @Test
    void indicatorsTakeTheValuesOfEachCandlesLastBar() {
        List<TestIndicators> rows = new ArrayList<>();
        Random random = new Random(5);
        for (TestBar b : bars()) {
            // Warm-up gaps, and a last bar of a bucket that has no SMA though the bars before it had.
            boolean gap = random.nextInt(5) == 0;
            Double macd = random.nextInt(6) == 0 ? null : random.nextGaussian();
            rows.add(TestIndicators.of(b.symbol(), b.interval(), b.time(), b.vwap(), gap ? null : b.close() * 0.99,
                    b.close() * 1.01, random.nextInt(7) == 0 ? null : random.nextDouble() * 100,
                    gap ? null : b.close() * 1.02, gap ? null : b.close() * 0.98, macd,
                    macd == null || random.nextInt(4) == 0 ? null : random.nextGaussian(),
                    random.nextInt(8) == 0 ? null : random.nextDouble()));
        }

        List<TestIndicators> actual = ChartDownsampling.indicators(ReportFrames.indicators(spark, rows), DISPLAY,
                        NEW_YORK).collectAsList().stream()
                .map(TestIndicators::of)
                .sorted(Comparator.comparing(TestIndicators::symbol).thenComparing(TestIndicators::time))
                .toList();

        List<TestIndicators> expected = ReferenceDownsampling.indicators(rows, DISPLAY, NEW_YORK);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(i -> i.sma() == null && i.interval().equals("1d"));
        assertThat(expected).anyMatch(i -> i.value("macd") != null && i.value("macd_signal") == null);
        assertThat(ChartDownsampling.indicators(ReportFrames.indicators(spark, rows), DISPLAY, NEW_YORK).columns())
                .as("the columns charts do not draw are dropped").doesNotContain("bb_middle");
    }

    @Test
    void anomaliesAreCappedToTheLargestScoresAndCounted() {
        List<TestAnomaly> anomalies = new ArrayList<>();
        Instant t = Instant.parse("2024-03-11T14:00:00Z");
        double[] scores = {4.5, -9.0, 5.0, -5.0, 7.25, 4.1, -4.2, 5.0, 6.0, -12.0};
        for (int i = 0; i < scores.length; i++) {
            anomalies.add(new TestAnomaly("AAPL", "1m", i % 3 == 0 ? "volume" : "return", t.plusSeconds(60L * i),
                    scores[i], 100 + i));
        }
        anomalies.add(new TestAnomaly("AAPL", "1d", "return", t, 4.4, 100));
        anomalies.add(new TestAnomaly("MSFT", "1m", "return", t, -4.0, 300));
        anomalies.add(new TestAnomaly("MSFT", "1m", "volume", t.plusSeconds(60), 6.0, 301));

        List<Row> rows = ChartDownsampling.cappedAnomalies(ReportFrames.anomalies(spark, anomalies), 4)
                .orderBy("symbol", "interval", "time").collectAsList();

        List<TestAnomaly> kept = rows.stream().map(r -> new TestAnomaly(r.getAs("symbol"), r.getAs("interval"),
                r.getAs("kind"), ReportFrames.instant(r.getAs("time")), r.getAs("score"), r.getAs("close"))).toList();
        assertThat(kept).containsExactlyInAnyOrderElementsOf(ReferenceDownsampling.capped(anomalies, 4));
        assertThat(kept).filteredOn(a -> a.symbol().equals("AAPL") && a.interval().equals("1m"))
                .extracting(TestAnomaly::score).containsExactlyInAnyOrder(-9.0, 7.25, 6.0, -12.0);
        assertThat(rows).allSatisfy(r -> assertThat(r.<Long>getAs("anomaly_count")).isEqualTo(
                anomalies.stream().filter(a -> a.symbol().equals(r.getAs("symbol"))
                        && a.interval().equals(r.getAs("interval"))).count()));
    }

    /**
     * Bars of five symbols: 1m bars over the night New York went to daylight time, with gaps, some with a
     * bar lacking VWAP and trade count among ones that have them; daily bars of bars input (no VWAP)
     * over half a year.
     */
    private static List<TestBar> bars() {
        List<TestBar> bars = new ArrayList<>();
        Random random = new Random(11);
        for (String symbol : List.of("DAYS", "QUARTERS", "ASIS")) {
            double close = 100;
            for (int i = 0; i < 33 * 60; i++) {
                if (i % 17 == 5) {
                    continue;
                }
                boolean partial = symbol.equals("QUARTERS") && i % 97 == 3;
                bars.add(bar(symbol, "1m", BEFORE_DST.plus(Duration.ofMinutes(i)), close, random, partial ? null : 12L,
                        !partial));
                close = bars.get(bars.size() - 1).close();
            }
        }
        for (String symbol : List.of("WEEKS", "MONTHS")) {
            double close = 50;
            for (int d = 0; d < 182; d++) {
                Instant day = java.time.LocalDate.of(2024, 1, 1).plusDays(d).atStartOfDay(NEW_YORK).toInstant();
                bars.add(bar(symbol, "1d", day, close, random, null, false));
                close = bars.get(bars.size() - 1).close();
            }
        }
        return bars;
    }

    private static TestBar bar(String symbol, String interval, Instant time, double open, Random random,
                               Long trades, boolean vwap) {
        double close = open * (1 + random.nextGaussian() * 0.003);
        double high = Math.max(open, close) + random.nextDouble() * 0.2;
        double low = Math.min(open, close) - random.nextDouble() * 0.2;
        double volume = 100 + random.nextInt(5_000) + random.nextDouble();
        return new TestBar(symbol, interval, time, open, high, low, close, volume, trades,
                vwap ? (high + low + close) / 3 : null);
    }

    private static DisplayInterval ladder(String label) {
        return DisplayInterval.LADDER.stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
    }

    private static List<TestBar> read(Dataset<Row> bars) {
        assertThat(bars.columns()).containsExactly("symbol", "interval", "time", "open", "high", "low", "close",
                "volume", "trade_count", "vwap");
        return bars.collectAsList().stream()
                .map(r -> new TestBar(r.getString(0), r.getString(1), ReportFrames.instant(r.get(2)), r.getDouble(3),
                        r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7),
                        r.isNullAt(8) ? null : r.getLong(8), ReportFrames.nullableDouble(r, "vwap")))
                .sorted(Comparator.comparing(TestBar::symbol).thenComparing(TestBar::time))
                .toList();
    }

    /** Equal, but for sums of doubles, which Spark may add up in another order. */
    private static void assertBarsMatch(List<TestBar> actual, List<TestBar> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            TestBar a = actual.get(i);
            TestBar e = expected.get(i);
            assertThat(new TestBar(a.symbol(), a.interval(), a.time(), a.open(), a.high(), a.low(), a.close(), 0,
                    a.tradeCount(), null))
                    .as("candle %d", i)
                    .isEqualTo(new TestBar(e.symbol(), e.interval(), e.time(), e.open(), e.high(), e.low(), e.close(), 0,
                            e.tradeCount(), null));
            assertThat(a.volume()).isCloseTo(e.volume(), Offset.offset(e.volume() * 1e-12));
            if (e.vwap() == null) {
                assertThat(a.vwap()).as("vwap of candle %d", i).isNull();
            } else {
                assertThat(a.vwap()).as("vwap of candle %d", i).isCloseTo(e.vwap(), Offset.offset(e.vwap() * 1e-12));
            }
        }
        assertThat(expected).anyMatch(b -> b.vwap() == null && b.symbol().equals("QUARTERS"));
        assertThat(expected).anyMatch(b -> b.vwap() != null && b.symbol().equals("QUARTERS"));
    }
}
