package io.tickpipe.batch.statistics;

import static io.tickpipe.batch.statistics.RowAssertions.assertClose;
import static io.tickpipe.batch.statistics.RowAssertions.assertRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.testing.LocalSpark;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolStatisticsTest {
    private static final List<String> COLUMNS = List.of("symbol", "interval", "first_time", "last_time", "open",
            "high", "low", "close", "volume", "trade_count", "vwap", "total_return", "log_return_mean",
            "log_return_stddev", "annualized_volatility", "annualization_factor", "max_drawdown",
            "drawdown_peak_time", "drawdown_trough_time", "anomalies", "anomalies_by_kind", "bar_count");

    private static SparkSession spark;
    private static SeededHistory history;
    private static Dataset<Row> bars;
    private static Dataset<Row> anomalies;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        history = new SeededHistory(20260105L);
        bars = TestBar.frame(spark, history.bars);
        anomalies = TestAnomaly.frame(spark, history.anomalies);
    }

    @Test
    void dailySummaryEqualsThePlainComputationInEveryColumn() {
        // The premises of the comparison: gaps, missing fields, anomalies of two intervals and kinds.
        assertThat(history.bars("AAA", "1d")).hasSizeBetween(40, SeededHistory.DAYS - 5);
        assertThat(history.bars("FLAT", "1d")).hasSizeBetween(40, SeededHistory.DAYS - 5);
        assertThat(history.bars("BBB", "1d")).anyMatch(b -> b.vwap() == null).allMatch(b -> b.tradeCount() != null);
        assertThat(history.bars("CCC", "1d")).anyMatch(b -> b.tradeCount() == null).allMatch(b -> b.vwap() != null);
        assertThat(history.bars("VEND", "1d")).allMatch(b -> b.vwap() == null && b.tradeCount() == null);
        assertThat(history.anomalies).extracting(a -> a.interval() + "/" + a.kind())
                .contains("1m/return", "1m/volume", "1d/return", "1d/volume");

        List<Row> rows = SymbolStatistics.summary(bars, anomalies, SummarySettings.defaults()).collectAsList();

        assertThat(rows).extracting(r -> r.getString(0)).containsExactly("AAA", "BBB", "CCC", "FEW", "FLAT", "ONE",
                "VEND");
        for (Row row : rows) {
            String symbol = row.getString(0);
            Map<String, Object> expected = PlainStatistics.summary(history.bars(symbol, "1d"), history.anomalies,
                    "1d", Duration.ofDays(1), Math.sqrt(252));
            assertThat(expected.keySet()).containsExactlyElementsOf(COLUMNS);
            assertRow(row, expected, symbol);
        }
        // The cases the comparison is there for, stated: a reference that got them wrong the same way
        // would not be caught by the comparison alone.
        Map<String, Row> bySymbol = new HashMap<>();
        rows.forEach(r -> bySymbol.put(r.getString(0), r));
        assertThat(isNull(bySymbol.get("BBB"), "vwap")).as("BBB vwap, one bar without").isTrue();
        assertThat(isNull(bySymbol.get("BBB"), "trade_count")).as("BBB trade_count").isFalse();
        assertThat(isNull(bySymbol.get("CCC"), "trade_count")).as("CCC trade_count, one bar without").isTrue();
        assertThat(isNull(bySymbol.get("ONE"), "vwap")).as("ONE vwap, no volume").isTrue();
        assertThat(isNull(bySymbol.get("ONE"), "log_return_mean")).as("ONE mean, no return").isTrue();
        assertThat(bySymbol.get("FLAT").<Double>getAs("max_drawdown")).as("FLAT max_drawdown").isZero();
        assertThat(isNull(bySymbol.get("FLAT"), "drawdown_peak_time")).as("FLAT peak time").isTrue();
        assertThat(bySymbol.get("FLAT").<Double>getAs("log_return_stddev")).as("FLAT stddev").isZero();
        assertThat(bySymbol.get("AAA").<Double>getAs("max_drawdown")).as("AAA max_drawdown").isPositive();
        assertThat(bySymbol.get("AAA").<Long>getAs("anomalies")).as("AAA anomalies").isPositive();
        assertThat(bySymbol.get("FLAT").<Long>getAs("anomalies")).as("FLAT anomalies").isZero();
        assertThat(bySymbol.get("FLAT").getJavaMap(bySymbol.get("FLAT").fieldIndex("anomalies_by_kind")))
                .as("FLAT anomalies_by_kind").isEmpty();
    }

    @Test
    void minuteSummaryWithAnEquitySessionReadsOnlyMinuteBars() {
        SummarySettings settings = SummarySettings.defaults().withInterval("1m")
                .withTradingDay(Duration.parse("PT6H30M"));

        List<Row> rows = SymbolStatistics.summary(bars, anomalies, settings).collectAsList();

        assertThat(rows).extracting(r -> r.getString(0)).containsExactly("AAA", "VEND");
        for (Row row : rows) {
            String symbol = row.getString(0);
            assertRow(row, PlainStatistics.summary(history.bars(symbol, "1m"), history.anomalies, "1m",
                    Duration.ofMinutes(1), Math.sqrt(252 * 390)), symbol);
        }
    }

    @Test
    void summaryHasTheDocumentedSchema() {
        Dataset<Row> summary = SymbolStatistics.summary(bars, anomalies, SummarySettings.defaults());

        assertThat(summary.columns()).containsExactlyElementsOf(COLUMNS).containsExactlyElementsOf(SymbolStatistics.COLUMNS);
        assertThat(summary.schema().simpleString()).isEqualTo("struct<symbol:string,interval:string,"
                + "first_time:timestamp,last_time:timestamp,open:double,high:double,low:double,close:double,"
                + "volume:double,trade_count:bigint,vwap:double,total_return:double,log_return_mean:double,"
                + "log_return_stddev:double,annualized_volatility:double,annualization_factor:double,"
                + "max_drawdown:double,drawdown_peak_time:timestamp,drawdown_trough_time:timestamp,"
                + "anomalies:bigint,anomalies_by_kind:map<string,bigint>,bar_count:bigint>");
    }

    @Test
    void drawdownRunsFromTheHighestCloseBeforeTheDeepestFall() {
        Row row = summaryOf(10, 12, 9, 11, 8, 13);

        assertClose(row.<Double>getAs("max_drawdown"), 1.0 / 3, "max_drawdown 12 -> 8");
        assertThat(time(row, "drawdown_peak_time")).isEqualTo(SeededHistory.day(1));
        assertThat(time(row, "drawdown_trough_time")).isEqualTo(SeededHistory.day(4));
    }

    @Test
    void drawdownPeakIsTheLastAtTheHighAndTroughTheFirstAtTheLow() {
        Row row = summaryOf(10, 12, 11, 12, 6, 12, 6);

        assertThat(row.<Double>getAs("max_drawdown")).isEqualTo(0.5);
        assertThat(time(row, "drawdown_peak_time")).isEqualTo(SeededHistory.day(3));
        assertThat(time(row, "drawdown_trough_time")).isEqualTo(SeededHistory.day(4));
    }

    @Test
    void closesThatNeverFallHaveNoDrawdown() {
        Row row = summaryOf(1, 2, 2, 3);

        assertThat(row.<Double>getAs("max_drawdown")).isZero();
        assertThat(row.<Timestamp>getAs("drawdown_peak_time")).isNull();
        assertThat(row.<Timestamp>getAs("drawdown_trough_time")).isNull();
    }

    @Test
    void oneReturnHasAMeanButNoStandardDeviation() {
        Row row = summaryOf(10, 11);

        assertClose(row.<Double>getAs("log_return_mean"), Math.log(1.1), "mean of one return");
        assertThat(row.<Double>getAs("log_return_stddev")).isNull();
        assertThat(row.<Double>getAs("annualized_volatility")).isNull();
    }

    @Test
    void aDailyBarEndsAtTheNextLocalMidnightOfTheSessionZone() {
        // 2026-03-08 is 23 hours long in New York: clocks go from 02:00 EST to 03:00 EDT.
        ZoneId newYork = ZoneId.of("America/New_York");
        List<TestBar> days = new ArrayList<>();
        for (String date : List.of("2026-03-06", "2026-03-07", "2026-03-08")) {
            days.add(TestBar.flat("SPY", LocalDate.parse(date).atStartOfDay(newYork).toInstant(), 500));
        }
        Dataset<Row> frame = TestBar.frame(spark, days);

        Row inSession = SymbolStatistics.summary(frame, TestAnomaly.frame(spark, List.of()),
                SummarySettings.defaults().withSessionZone(newYork)).first();
        Row inUtc = SymbolStatistics.summary(frame, TestAnomaly.frame(spark, List.of()), SummarySettings.defaults())
                .first();

        assertThat(time(inSession, "first_time")).isEqualTo(Instant.parse("2026-03-06T05:00:00Z"));
        assertThat(time(inSession, "last_time")).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(time(inUtc, "last_time")).isEqualTo(Instant.parse("2026-03-09T05:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "-1, -1.0", "NaN, NaN"})
    void aCloseThatIsNotAPositiveNumberFailsNamingTheBar(double close, String printed) {
        List<TestBar> series = new ArrayList<>(flatSeries("BAD", 10, 11, 12));
        series.set(1, new TestBar("BAD", "1d", SeededHistory.day(1), 11, 11, 11, close, 100, 10L, 11.0));

        Dataset<Row> summary = SymbolStatistics.summary(TestBar.frame(spark, series),
                TestAnomaly.frame(spark, List.of()), SummarySettings.defaults());

        assertThatThrownBy(summary::collectAsList).hasStackTraceContaining(
                "bar of symbol BAD interval 1d at 2026-01-06 00:00:00 has close " + printed
                        + ": prices must be positive numbers for returns");
    }

    @Test
    void ansiModeGivesTheSameSummary() {
        // The seeded history has a symbol without volume: no division by its zero volume.
        List<Row> ansi = AnsiMode.collect(spark,
                () -> SymbolStatistics.summary(bars, anomalies, SummarySettings.defaults()));

        assertThat(ansi).isEqualTo(SymbolStatistics.summary(bars, anomalies, SummarySettings.defaults())
                .collectAsList());
    }

    private static Row summaryOf(double... closes) {
        List<Row> rows = SymbolStatistics.summary(TestBar.frame(spark, flatSeries("HAND", closes)),
                TestAnomaly.frame(spark, List.of()), SummarySettings.defaults()).collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<TestBar> flatSeries(String symbol, double... closes) {
        List<TestBar> series = new ArrayList<>();
        for (int d = 0; d < closes.length; d++) {
            series.add(TestBar.flat(symbol, SeededHistory.day(d), closes[d]));
        }
        return series;
    }

    private static boolean isNull(Row row, String column) {
        return row.isNullAt(row.fieldIndex(column));
    }

    private static Instant time(Row row, String column) {
        return row.<Timestamp>getAs(column).toInstant();
    }
}
