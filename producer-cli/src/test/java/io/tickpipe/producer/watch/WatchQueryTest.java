package io.tickpipe.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WatchQuery's reading of answers of an unexpected shape: what they lack stays empty, nothing fails. */
class WatchQueryTest {
    private static final InfluxQl UNUSED = InfluxQl.of(InfluxConfig.builder("http://127.0.0.1:9").database("market").build());

    private static WatchQuery query(List<String> symbols) {
        return new WatchQuery(UNUSED, symbols, "1s", "1m", IndicatorPeriods.DEFAULTS, Duration.ofMinutes(15));
    }

    /** Answers to the five statements: nothing, except {@code statement} answered with {@code series}. */
    private static List<List<InfluxSeries>> answer(int statement, InfluxSeries... series) {
        List<List<InfluxSeries>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(i == statement ? List.of(series) : List.of());
        }
        return results;
    }

    private static InfluxSeries trade(Map<String, String> tags, double price) {
        return new InfluxSeries("trades", tags, List.of("time", "price"), List.of(List.of(1_000_000_000L, price)));
    }

    @Test
    void aSeriesWithoutASymbolBelongsToNoRow() {
        // Found by WatchQueryFuzzTest: with no --symbols, a series without a symbol tag ended watch in an NPE.
        var results = answer(0, trade(Map.of("symbol", "MSFT"), 400.5), trade(Map.of("venue", "X"), 1.5),
                trade(Map.of("symbol", "AAPL"), 187.25));

        List<SymbolView> found = query(List.of()).views(results);

        assertThat(found).extracting(SymbolView::symbol).containsExactly("AAPL", "MSFT");
        assertThat(found).extracting(SymbolView::last).containsExactly(187.25, 400.5);
    }

    private static InfluxSeries series(String name, List<String> columns, List<Object> row) {
        return new InfluxSeries(name, Map.of("symbol", "AAPL"), columns, List.of(row));
    }

    @Test
    void valuesThatAreNotNumbersWhereTheStatementsAskForNumbersShowAsMissing() {
        // Found by WatchQueryFuzzTest: a bar without a high ended watch in an NPE; a time or a count
        // that is not a number did the same.
        List<String> barColumns = List.of("time", "open", "high", "low", "close", "volume", "vwap", "final");
        var withoutHigh = new ArrayList<Object>(List.of(1_000_000_000L, 187.0, "x", 186.5, 187.25, 1200L, 187.1, true));
        withoutHigh.set(2, null);
        var noHigh = query(List.of("AAPL")).views(answer(1, series("bars", barColumns, withoutHigh)));
        assertThat(noHigh).singleElement().extracting(SymbolView::bar).isNull();

        var textTime = query(List.of("AAPL")).views(answer(1, series("bars", barColumns,
                List.of("2026-01-05", 187.0, 188.0, 186.5, 187.25, 1200L, 187.1, true))));
        assertThat(textTime).singleElement().extracting(SymbolView::bar).isNull();

        var anomalyTime = query(List.of("AAPL")).views(answer(4, series("anomalies",
                List.of("time", "score", "kind", "interval"), List.of(true, 4.5, "return", "1m"))));
        assertThat(anomalyTime).singleElement().extracting(SymbolView::latestAnomaly).isNull();

        var countText = query(List.of("AAPL")).views(answer(3, series("anomalies", List.of("time", "count"),
                List.of(0L, "three"))));
        assertThat(countText).singleElement().extracting(SymbolView::recentAnomalies).isEqualTo(0L);

        // The same shapes with numbers are read, so the nulls above are the refusals, not a blind spot.
        var whole = query(List.of("AAPL")).views(answer(1, series("bars", barColumns,
                List.of(1_000_000_000L, 187.0, 188L, 186.5, 187.25, 1200L, 187.1, true))));
        assertThat(whole).singleElement().extracting(SymbolView::bar).isEqualTo(new SymbolView.Bar(
                java.time.Instant.ofEpochSecond(1), 187.0, 188.0, 186.5, 187.25, 1200, 187.1, true));
    }
}
