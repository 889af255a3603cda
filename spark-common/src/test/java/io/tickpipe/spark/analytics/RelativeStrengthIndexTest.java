package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.StockChartsExamples.RSI_14;
import static io.tickpipe.spark.analytics.StockChartsExamples.RSI_CLOSES;
import static io.tickpipe.spark.analytics.StockChartsExamples.round2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelativeStrengthIndexTest {

    @Test
    void matchesStockChartsExampleWithWilderSmoothing() {
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(14);
        List<Double> values = new ArrayList<>();
        for (double close : RSI_CLOSES) {
            values.add(rsi.add(close));
        }

        assertThat(values.subList(0, 14)).containsOnlyNulls();
        List<Double> rounded = values.subList(14, values.size()).stream().map(v -> round2(v)).toList();
        assertThat(rounded).containsExactly(MovingAverageTest.box(RSI_14));
    }

    @Test
    void onlyGainsIsHundredAndFlatIsFifty() {
        RelativeStrengthIndex rising = new RelativeStrengthIndex(2);
        rising.add(1);
        rising.add(2);
        assertThat(rising.add(3)).isEqualTo(100.0);

        RelativeStrengthIndex flat = new RelativeStrengthIndex(2);
        flat.add(5);
        flat.add(5);
        assertThat(flat.add(5)).isEqualTo(50.0);
    }
}
