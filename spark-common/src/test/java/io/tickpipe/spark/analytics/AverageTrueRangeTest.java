package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.StockChartsExamples.ATR;
import static io.tickpipe.spark.analytics.StockChartsExamples.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AverageTrueRangeTest {

    /** StockCharts' ATR(14) spreadsheet, every printed digit (see {@link StockChartsExamples}). */
    @Test
    void matchesStockChartsExampleWithWilderSmoothing() {
        AverageTrueRange atr = new AverageTrueRange(14);
        AverageTrueRange trueRange = new AverageTrueRange(1);
        List<Double> values = new ArrayList<>();
        for (String[] row : ATR) {
            double high = Double.parseDouble(row[0]);
            double low = Double.parseDouble(row[1]);
            double close = Double.parseDouble(row[2]);
            values.add(atr.add(high, low, close));
            // ATR(1) is each bar's true range itself.
            assertThat(printed(trueRange.add(high, low, close), 6)).as("true range of %s", List.of(row)).isEqualTo(row[3]);
        }

        assertThat(values.subList(0, 13)).containsOnlyNulls();
        for (int i = 13; i < ATR.length; i++) {
            assertThat(printed(values.get(i), 6)).as("day %d", i + 1).isEqualTo(ATR[i][4]);
        }
    }

    @Test
    void aGapFromThePreviousCloseIsRange() {
        AverageTrueRange up = new AverageTrueRange(1);
        up.add(10.5, 9.5, 10);
        // Opens above the previous close and trades 14-15: the move from 10 counts, not the bar's 1.
        assertThat(up.add(15, 14, 14.5)).isEqualTo(5.0);

        AverageTrueRange down = new AverageTrueRange(1);
        down.add(10.5, 9.5, 10);
        assertThat(down.add(7, 6, 6.5)).isEqualTo(4.0);

        AverageTrueRange inside = new AverageTrueRange(1);
        inside.add(10.5, 9.5, 10);
        assertThat(inside.add(12, 8, 11)).as("a range around the previous close").isEqualTo(4.0);
    }

    @Test
    void theFirstAtrIsTheMeanOfTheFirstNTrueRangesThenWilderSmoothed() {
        AverageTrueRange atr = new AverageTrueRange(2);
        assertThat(atr.add(11, 9, 10)).isNull();               // true range 11 - 9 = 2 (no previous close)
        assertThat(atr.add(13, 12, 12)).isEqualTo(2.5);        // true range 13 - 10 = 3; (2 + 3) / 2
        assertThat(atr.add(12.5, 11, 11)).isEqualTo(2.0);      // true range 12.5 - 11 = 1.5; (2.5 * 1 + 1.5) / 2
    }

    @Test
    void aFlatSeriesHasZeroRangeAndOneBarIsWarmUpUnlessThePeriodIsOne() {
        AverageTrueRange flat = new AverageTrueRange(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(flat.add(187.25, 187.25, 187.25));
        }
        assertThat(values).containsExactly(null, null, 0.0, 0.0, 0.0);

        assertThat(new AverageTrueRange(14).add(11, 9, 10)).isNull();
        assertThat(new AverageTrueRange(1).add(11, 9, 10)).isEqualTo(2.0);
    }

    @Test
    void periodsBelowOneAreRejected() {
        assertThatThrownBy(() -> new AverageTrueRange(0)).hasMessageContaining("ATR period");
    }
}
