package io.tickpipe.batch.statistics;

import static io.tickpipe.batch.statistics.RowAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.testing.LocalSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReturnCorrelationTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void matrixEqualsPlainPearsonOverTheCommonReturnsOfEveryPair() {
        SeededHistory history = new SeededHistory(20260105L);
        Dataset<Row> daily = SymbolStatistics.summaryIntervalBars(TestBar.frame(spark, history.bars),
                SummarySettings.defaults());

        List<Row> rows = ReturnCorrelation.matrix(daily).collectAsList();

        List<String> symbols = SeededHistory.DAILY_SYMBOLS.stream().sorted().toList();
        assertThat(rows).extracting(r -> r.getString(0) + "/" + r.getString(1)).containsExactlyElementsOf(
                symbols.stream().flatMap(a -> symbols.stream().map(b -> a + "/" + b)).toList());
        Map<String, Map<Instant, Double>> returns = new HashMap<>();
        for (String symbol : symbols) {
            returns.put(symbol, PlainStatistics.logReturns(history.bars(symbol, "1d")));
        }
        Map<String, Row> byPair = new HashMap<>();
        for (Row row : rows) {
            String a = row.getString(0);
            String b = row.getString(1);
            byPair.put(a + "/" + b, row);
            String pair = a + "/" + b;
            assertThat(row.getLong(3)).as(pair + " observations")
                    .isEqualTo(PlainStatistics.commonReturns(returns.get(a), returns.get(b)).size());
            Double expected = PlainStatistics.pearson(returns.get(a), returns.get(b));
            if (expected == null) {
                assertThat(row.isNullAt(2)).as(pair + " correlation is null, not " + row.get(2)).isTrue();
            } else {
                assertThat(row.isNullAt(2)).as(pair + " correlation").isFalse();
                assertClose(row.getDouble(2), expected, pair + " correlation");
            }
        }
        for (Row row : rows) {
            Row mirror = byPair.get(row.getString(1) + "/" + row.getString(0));
            assertThat(mirror.getLong(3)).isEqualTo(row.getLong(3));
            assertThat(mirror.get(2)).as("symmetry of " + row.getString(0) + "/" + row.getString(1))
                    .isEqualTo(row.get(2));
        }
        // What the seeded history was made to show.
        for (String symbol : List.of("AAA", "BBB", "CCC", "VEND")) {
            assertClose(byPair.get(symbol + "/" + symbol).getDouble(2), 1.0, symbol + " diagonal");
            assertThat(byPair.get(symbol + "/" + symbol).getLong(3)).as(symbol + " returns")
                    .isEqualTo(history.bars(symbol, "1d").size() - 1);
        }
        assertThat(byPair.get("AAA/BBB").getDouble(2)).as("AAA/BBB share a factor").isGreaterThan(0.5);
        assertThat(byPair.get("AAA/VEND").getDouble(2)).as("VEND against the factor").isLessThan(0);
        assertThat(byPair.get("FLAT/FLAT").getLong(3)).as("FLAT returns").isGreaterThanOrEqualTo(3);
        assertThat(byPair.get("FLAT/FLAT").isNullAt(2)).as("FLAT does not vary").isTrue();
        assertThat(byPair.get("AAA/FLAT").isNullAt(2)).as("against FLAT").isTrue();
        assertThat(byPair.get("ONE/ONE").getLong(3)).as("ONE has no return").isZero();
        assertThat(byPair.get("FEW/FEW").getLong(3)).as("FEW has two returns").isEqualTo(2);
        assertThat(byPair.get("FEW/FEW").isNullAt(2)).as("FEW/FEW").isTrue();
    }

    @Test
    void threeCommonReturnsAreEnoughAndTwoAreNot() {
        List<TestBar> bars = new ArrayList<>();
        double[] x = {10, 11, 10.5, 12};
        double[] y = {20, 21, 23, 22};
        double[] z = {5, 6, 4};
        for (int d = 0; d < x.length; d++) {
            bars.add(TestBar.flat("X", SeededHistory.day(d), x[d]));
            bars.add(TestBar.flat("Y", SeededHistory.day(d), y[d]));
        }
        for (int d = 0; d < z.length; d++) {
            bars.add(TestBar.flat("Z", SeededHistory.day(d), z[d]));
        }
        // No day in common with the others: a pair with no observation at all.
        bars.add(TestBar.flat("LATE", SeededHistory.day(30), 1));
        bars.add(TestBar.flat("LATE", SeededHistory.day(31), 2));

        Map<String, Row> byPair = new HashMap<>();
        for (Row row : ReturnCorrelation.matrix(TestBar.frame(spark, bars)).collectAsList()) {
            byPair.put(row.getString(0) + "/" + row.getString(1), row);
        }

        assertThat(byPair).hasSize(16);
        double expected = PlainStatistics.pearson(PlainStatistics.logReturns(bars.stream()
                .filter(b -> b.symbol().equals("X")).toList()), PlainStatistics.logReturns(bars.stream()
                .filter(b -> b.symbol().equals("Y")).toList()));
        assertThat(byPair.get("X/Y").getLong(3)).isEqualTo(3);
        assertClose(byPair.get("X/Y").getDouble(2), expected, "X/Y");
        assertThat(byPair.get("X/Z").getLong(3)).isEqualTo(2);
        assertThat(byPair.get("X/Z").isNullAt(2)).isTrue();
        assertThat(byPair.get("Z/Z").isNullAt(2)).isTrue();
        assertThat(byPair.get("X/LATE").getLong(3)).isZero();
        assertThat(byPair.get("X/LATE").isNullAt(2)).isTrue();
        assertThat(byPair.get("LATE/LATE").getLong(3)).isEqualTo(1);
    }

    @Test
    void matrixHasTheDocumentedSchema() {
        Dataset<Row> matrix = ReturnCorrelation.matrix(TestBar.frame(spark,
                List.of(TestBar.flat("X", SeededHistory.day(0), 1))));

        assertThat(matrix.schema().simpleString())
                .isEqualTo("struct<symbol_a:string,symbol_b:string,correlation:double,observations:bigint>");
    }

    @Test
    void aCloseThatIsNotPositiveFailsNamingTheBar() {
        Dataset<Row> matrix = ReturnCorrelation.matrix(TestBar.frame(spark, List.of(
                TestBar.flat("X", SeededHistory.day(0), 10),
                new TestBar("X", "1d", SeededHistory.day(1), 10, 10, -2, -2, 100, 10L, 5.0),
                TestBar.flat("X", SeededHistory.day(2), 10))));

        assertThatThrownBy(matrix::collectAsList).hasStackTraceContaining(
                "bar of symbol X interval 1d at 2026-01-06 00:00:00 has close -2.0: prices must be positive");
    }

    @Test
    void ansiModeGivesTheSameMatrix() {
        // The seeded history has a symbol whose returns do not vary: no division by its zero variance.
        Dataset<Row> daily = SymbolStatistics.summaryIntervalBars(
                TestBar.frame(spark, new SeededHistory(20260105L).bars), SummarySettings.defaults());

        List<Row> ansi = AnsiMode.collect(spark, () -> ReturnCorrelation.matrix(daily));

        assertThat(ansi).isEqualTo(ReturnCorrelation.matrix(daily).collectAsList());
    }
}
