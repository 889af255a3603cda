package io.tickpipe.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportModelTest {
    private static final CorrelationMatrix.Cell AB = new CorrelationMatrix.Cell("A", "B", 0.5, 30);

    @Test
    void aPairGivenOneWayRoundFillsBothCellsAndMissingOnesAreUndefined() {
        CorrelationMatrix m = CorrelationMatrix.fromPairs(List.of("A", "B", "C"),
                List.of(AB, new CorrelationMatrix.Cell("A", "A", 1.0, 31), new CorrelationMatrix.Cell("C", "B", null, 1)));

        assertThat(m.cells()).hasSize(9);
        assertThat(m.cell("B", "A")).isEqualTo(new CorrelationMatrix.Cell("B", "A", 0.5, 30));
        assertThat(m.cell("A", "B").correlation()).isEqualTo(0.5);
        assertThat(m.cell("A", "A").correlation()).isEqualTo(1.0);
        assertThat(m.cell("B", "C")).isEqualTo(new CorrelationMatrix.Cell("B", "C", null, 1));
        assertThat(m.cell("C", "C")).isEqualTo(new CorrelationMatrix.Cell("C", "C", null, 0));
        assertThat(m.cell("A", "C").correlation()).isNull();
        assertThat(m.definedCells()).isEqualTo(3);
        assertThat(m.cells().get(1)).isEqualTo(m.cell("A", "B"));
        assertThat(m.cells().get(3)).isEqualTo(m.cell("B", "A"));
    }

    @Test
    void aPairGivenTwiceWithDifferentValuesOrAnUnknownSymbolIsAnError() {
        assertThatThrownBy(() -> CorrelationMatrix.fromPairs(List.of("A", "B"),
                List.of(AB, new CorrelationMatrix.Cell("B", "A", 0.6, 30))))
                .hasMessage("correlation of B and A is given twice: 0.5 (30 observations) and 0.6 (30 observations)");
        assertThat(CorrelationMatrix.fromPairs(List.of("A", "B"), List.of(AB, new CorrelationMatrix.Cell("B", "A", 0.5, 30)))
                .definedCells()).isEqualTo(2);
        assertThatThrownBy(() -> CorrelationMatrix.fromPairs(List.of("A"), List.of(AB)))
                .hasMessage("correlation pair A/B names B, which is not among the report's symbols [A]");
        assertThatThrownBy(() -> new CorrelationMatrix.Cell("A", "B", 1.2, 3))
                .hasMessage("correlation of A and B is 1.2, outside [-1, 1]");
    }

    @Test
    void rejectsAddUpByReasonTheMostFrequentFirst() {
        RejectedInput r = new RejectedInput(List.of(new RejectedInput.Count("a.csv", "bad price", 2),
                new RejectedInput.Count("b.csv", "bad time", 5), new RejectedInput.Count("b.csv", "bad price", 4)));

        assertThat(r.total()).isEqualTo(11);
        assertThat(r.byReason()).containsExactly(Map.entry("bad price", 6L), Map.entry("bad time", 5L));
        assertThatThrownBy(() -> new RejectedInput(List.of(new RejectedInput.Count("a.csv", "bad price", 2),
                new RejectedInput.Count("a.csv", "bad price", 1))))
                .hasMessage("rejects of a.csv for 'bad price' are counted twice");
    }

    @Test
    void aSymbolsSeriesMustMatchItsCandles() {
        SummaryRow summary = ReportSamples.summary("A", List.of(candle(0)), List.of(), 0);
        List<Candle> candles = List.of(candle(0), candle(60_000));
        List<Double> two = Arrays.asList(null, 1.0);

        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", candles, two, List.of(1.0), two, two, two, two, two, two,
                two, List.of(), 0, summary))
                .hasMessage("A: sma has 1 values for 2 candles");
        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", candles, two, two, two, two, two, two, two, two,
                List.of(1.0, 2.0, 3.0), List.of(), 0, summary))
                .hasMessage("A: atr has 3 values for 2 candles");
        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", List.of(candle(60_000), candle(60_000)), two, two, two,
                two, two, two, two, two, two, List.of(), 0, summary))
                .hasMessage("A: candle 1 (60000) does not start after the one before it (60000)");
        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", candles, two, two, Arrays.asList(1.0, Double.NaN),
                two, two, two, two, two, two, List.of(), 0, summary))
                .hasMessage("A: ema value 1 is NaN; a value must be finite, or null for none");
        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", candles, two, two, two, two, two, two,
                Arrays.asList(null, Double.POSITIVE_INFINITY), two, two, List.of(), 0, summary))
                .hasMessage("A: macd value 1 is Infinity; a value must be finite, or null for none");
        assertThatThrownBy(() -> new SymbolReport("A", "1m", "1m", candles, two, two, two, two, two, two, two, two, two,
                List.of(new AnomalyMark(0, "return", 5, 1)), 0, summary))
                .hasMessage("A: anomaly count 0 is less than the 1 anomalies marked");
        assertThatThrownBy(() -> new SymbolReport("B", "1m", "1m", candles, two, two, two, two, two, two, two, two, two,
                List.of(), 0, summary))
                .hasMessage("the summary row of A was given for B");
        SymbolReport ok = new SymbolReport("A", "1m", "1m", candles, two, two, two, two, two, two, two, two, two, List.of(),
                0, summary);
        assertThat(ok.sma()).containsExactly(null, 1.0);
    }

    @Test
    void anomaliesByKindMustAddUpToTheTotal() {
        assertThatThrownBy(() -> new SummaryRow("A", "1d", Instant.EPOCH, Instant.EPOCH, 1, 1, 1, 1, 1, null, null,
                null, null, null, null, 1, null, null, null, 3, Map.of("return", 1L, "volume", 1L), 1))
                .hasMessage("A: anomalies by kind {return=1, volume=1} add up to 2, not 3");
    }

    private static Candle candle(long time) {
        return new Candle(time, 1, 2, 0.5, 1.5, 10);
    }
}
