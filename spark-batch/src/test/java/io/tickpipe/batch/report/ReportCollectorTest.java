package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.batch.report.ReportFrames.TestAnomaly;
import io.tickpipe.batch.report.ReportFrames.TestBar;
import io.tickpipe.batch.report.ReportFrames.TestIndicators;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.decode.UndecodableCounts;
import io.tickpipe.spark.testing.LocalSpark;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportCollectorTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant OPEN = Instant.parse("2024-03-11T13:30:00Z");
    private static final BarInterval MINUTE = BarInterval.parse("1m");
    private static final StructType SUMMARY = new StructType()
            .add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
            .add("first_time", DataTypes.TimestampType).add("last_time", DataTypes.TimestampType)
            .add("open", DataTypes.DoubleType).add("high", DataTypes.DoubleType).add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType).add("volume", DataTypes.DoubleType)
            .add("trade_count", DataTypes.LongType).add("vwap", DataTypes.DoubleType)
            .add("total_return", DataTypes.DoubleType).add("log_return_mean", DataTypes.DoubleType)
            .add("log_return_stddev", DataTypes.DoubleType).add("annualized_volatility", DataTypes.DoubleType)
            .add("annualization_factor", DataTypes.DoubleType).add("max_drawdown", DataTypes.DoubleType)
            .add("drawdown_peak_time", DataTypes.TimestampType).add("drawdown_trough_time", DataTypes.TimestampType)
            .add("anomalies", DataTypes.LongType)
            .add("anomalies_by_kind", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("bar_count", DataTypes.LongType);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void chartsThatFitHoldTheBarsTheirIndicatorsAndAnomalies() {
        List<TestBar> bars = new ArrayList<>(minuteBars("AAA", 30, 100));
        // The same symbol's daily bar: another interval, not on this chart.
        bars.add(new TestBar("AAA", "1d", OPEN, 1, 2, 0.5, 1.5, 10, 5L, 1.2));
        List<TestIndicators> indicators = new ArrayList<>();
        for (int i = 0; i < bars.size() - 1; i++) {
            TestBar b = bars.get(i);
            if (i != 7 && i != 20) { // no indicator row: a gap on the chart
                indicators.add(TestIndicators.of("AAA", "1m", b.time(), b.close() - 0.1, i < 4 ? null : b.close() + 0.1,
                        i < 4 ? null : b.close() + 0.2, i < 5 ? null : 40.0 + i, i < 4 ? null : b.close() + 1.5,
                        i < 4 ? null : b.close() - 1.5, i < 6 ? null : 0.01 * i, i < 9 ? null : -0.02 * i,
                        i < 3 ? null : 0.3 + 0.01 * i));
            }
        }
        List<TestAnomaly> anomalies = List.of(
                new TestAnomaly("AAA", "1m", "volume", bars.get(12).time(), 6.5, bars.get(12).close()),
                new TestAnomaly("AAA", "1m", "return", bars.get(3).time(), -4.25, bars.get(3).close()),
                new TestAnomaly("AAA", "1d", "return", OPEN, 9, 1.5));
        SummaryRow summary = summary("AAA");

        List<SymbolReport> reports = ReportCollector.symbols(ReportFrames.bars(spark, bars),
                ReportFrames.indicators(spark, indicators), ReportFrames.anomalies(spark, anomalies), MINUTE, NEW_YORK,
                List.of(summary));

        List<Candle> candles = new ArrayList<>();
        List<List<Double>> series = new ArrayList<>();
        ChartDownsampling.CHARTED_INDICATORS.forEach(column -> series.add(new ArrayList<>()));
        for (TestBar b : bars.subList(0, 30)) {
            candles.add(new Candle(b.time().toEpochMilli(), b.open(), b.high(), b.low(), b.close(), b.volume()));
            TestIndicators i = indicators.stream().filter(x -> x.time().equals(b.time())).findFirst().orElse(null);
            for (int k = 0; k < series.size(); k++) {
                series.get(k).add(i == null ? null : i.values().get(k));
            }
        }
        SymbolReport expected = new SymbolReport("AAA", "1m", "1m", candles, series.get(0), series.get(1), series.get(2),
                series.get(3), series.get(4), series.get(5), series.get(6), series.get(7), series.get(8),
                List.of(new AnomalyMark(bars.get(3).time().toEpochMilli(), "return", -4.25, bars.get(3).close()),
                        new AnomalyMark(bars.get(12).time().toEpochMilli(), "volume", 6.5, bars.get(12).close())),
                2, summary);
        assertThat(reports).containsExactly(expected);
    }

    @Test
    void chartsOfMoreBarsThanTheScreenShowAreAggregatedAndSortedBySymbol() {
        List<TestBar> bars = new ArrayList<>(minuteBars("ZZZ", 1_600, 50));
        bars.addAll(minuteBars("BBB", 20, 10));

        List<SymbolReport> reports = ReportCollector.symbols(ReportFrames.bars(spark, bars),
                ReportFrames.indicators(spark, List.of()), ReportFrames.anomalies(spark, List.of()), MINUTE, NEW_YORK,
                List.of(summary("ZZZ"), summary("BBB")));

        assertThat(reports).extracting(SymbolReport::symbol).containsExactly("BBB", "ZZZ");
        SymbolReport zzz = reports.get(1);
        assertThat(zzz.chartInterval()).isEqualTo("5m");
        assertThat(zzz.barInterval()).isEqualTo("1m");
        Map<String, DisplayInterval> display = Map.of("ZZZ", ChartResolution.choose(MINUTE, 1_600, bars.get(0).time(),
                bars.get(1_599).time()));
        List<Candle> expected = ReferenceDownsampling.bars(bars, display, NEW_YORK).stream()
                .sorted(Comparator.comparing(TestBar::time))
                .map(b -> new Candle(b.time().toEpochMilli(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                .toList();
        assertThat(zzz.candles()).hasSize(320).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Candle a = zzz.candles().get(i);
            Candle e = expected.get(i);
            assertThat(List.of(a.time(), a.open(), a.high(), a.low(), a.close()))
                    .containsExactly(e.time(), e.open(), e.high(), e.low(), e.close());
            assertThat(a.volume()).isCloseTo(e.volume(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(zzz.sma()).hasSize(320).containsOnlyNulls();
        assertThat(reports.get(0).chartInterval()).isEqualTo("1m");
    }

    @Test
    void aSymbolWithoutASummaryRowIsAnError() {
        Dataset<Row> bars = ReportFrames.bars(spark, minuteBars("AAA", 3, 1));
        Dataset<Row> none = ReportFrames.anomalies(spark, List.of());

        assertThatThrownBy(() -> ReportCollector.symbols(bars, ReportFrames.indicators(spark, List.of()), none, MINUTE,
                NEW_YORK, List.of(summary("BBB"))))
                .hasMessage("symbol AAA has 1m bars but no summary row");
    }

    @Test
    void summaryRowsComeFromTheTablesColumnsNullsIncluded() {
        Instant first = Instant.parse("2024-01-02T05:00:00Z");
        Instant peak = Instant.parse("2024-02-01T05:00:00Z");
        Dataset<Row> table = spark.createDataFrame(List.of(
                RowFactory.create("MSFT", "1d", Timestamp.from(first), Timestamp.from(peak), 370.0, 420.5, 366.5, 410.25,
                        1.5e9, null, null, 0.1089, 0.0012, 0.0151, 0.0151 * Math.sqrt(252), Math.sqrt(252), 0.052,
                        Timestamp.from(peak), null, 3L, Map.of("return", 2L, "volume", 1L), 22L),
                RowFactory.create("AAPL", "1d", Timestamp.from(first), Timestamp.from(first), 190.0, 191.0, 189.0, 190.5,
                        1e6, 1234L, 190.2, 0.0026, null, null, null, Math.sqrt(252), 0.0, Timestamp.from(first), null, 0L,
                        Map.of(), 1L)), SUMMARY);

        List<SummaryRow> rows = ReportCollector.summaries(table);

        assertThat(rows).containsExactly(
                new SummaryRow("AAPL", "1d", first, first, 190.0, 191.0, 189.0, 190.5, 1e6, 1234L, 190.2, 0.0026, null,
                        null, null, Math.sqrt(252), 0.0, first, null, 0, Map.of(), 1),
                new SummaryRow("MSFT", "1d", first, peak, 370.0, 420.5, 366.5, 410.25, 1.5e9, null, null, 0.1089, 0.0012,
                        0.0151, 0.0151 * Math.sqrt(252), Math.sqrt(252), 0.052, peak, null, 3,
                        Map.of("return", 2L, "volume", 1L), 22));
    }

    @Test
    void theCorrelationTableAndTheRejectsBecomeTheMatrixAndTheCounts() {
        StructType pairs = new StructType().add("symbol_a", DataTypes.StringType).add("symbol_b", DataTypes.StringType)
                .add("correlation", DataTypes.DoubleType).add("observations", DataTypes.LongType);
        Dataset<Row> correlation = spark.createDataFrame(List.of(RowFactory.create("AAPL", "MSFT", 0.62, 250L),
                RowFactory.create("AAPL", "AAPL", 1.0, 251L), RowFactory.create("MSFT", "MSFT", 1.0, 251L)), pairs);
        StructType rejectSchema = new StructType().add("source", DataTypes.StringType).add("line", DataTypes.LongType)
                .add("reason", DataTypes.StringType);
        Dataset<Row> rejects = spark.createDataFrame(List.of(RowFactory.create("/d/a.csv", 3L, "price is not a number"),
                RowFactory.create("/d/a.csv", 9L, "price is not a number"), RowFactory.create("/d/b.csv", 1L, "no time"),
                RowFactory.create("/d/b.csv", 4L, "price is not a number")), rejectSchema);

        CorrelationMatrix matrix = ReportCollector.correlation(correlation, List.of("AAPL", "MSFT"));
        RejectedInput counts = ReportCollector.rejects(rejects, List.of(
                new UndecodableCounts.Count("market.trades", "unknown schema id 7", 4, Instant.EPOCH)));

        assertThat(matrix).isEqualTo(new CorrelationMatrix(List.of("AAPL", "MSFT"), List.of(
                new CorrelationMatrix.Cell("AAPL", "AAPL", 1.0, 251), new CorrelationMatrix.Cell("AAPL", "MSFT", 0.62, 250),
                new CorrelationMatrix.Cell("MSFT", "AAPL", 0.62, 250), new CorrelationMatrix.Cell("MSFT", "MSFT", 1.0, 251))));
        assertThat(counts.counts()).containsExactly(
                new RejectedInput.Count("/d/a.csv", "price is not a number", 2),
                new RejectedInput.Count("/d/b.csv", "no time", 1),
                new RejectedInput.Count("/d/b.csv", "price is not a number", 1),
                new RejectedInput.Count("kafka market.trades", "unknown schema id 7", 4));
        assertThat(counts.total()).isEqualTo(8);
    }

    private static List<TestBar> minuteBars(String symbol, int count, double start) {
        List<TestBar> bars = new ArrayList<>();
        double close = start;
        for (int i = 0; i < count; i++) {
            double open = close;
            close = open + Math.sin(i * 0.7) * 0.3;
            bars.add(new TestBar(symbol, "1m", OPEN.plus(Duration.ofMinutes(i)), open, Math.max(open, close) + 0.05,
                    Math.min(open, close) - 0.05, close, 100 + i % 13, 3L + i % 5, (open + close) / 2));
        }
        return bars;
    }

    private static SummaryRow summary(String symbol) {
        return new SummaryRow(symbol, "1d", OPEN, OPEN, 1, 2, 0.5, 1.5, 100, 10L, 1.2, 0.5, null, null, null,
                Math.sqrt(252), 0.0, OPEN, null, 0, Map.of(), 1);
    }
}
