package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.StockChartsExamples.EMA_10;
import static io.tickpipe.spark.analytics.StockChartsExamples.EMA_CLOSES;
import static io.tickpipe.spark.analytics.StockChartsExamples.round2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void smaIsTheMeanOfTheLastNValues() {
        SimpleMovingAverage sma = new SimpleMovingAverage(3);
        assertThat(sma.add(1)).isNull();
        assertThat(sma.add(2)).isNull();
        assertThat(sma.add(6)).isEqualTo(3.0);  // (1+2+6)/3
        assertThat(sma.add(10)).isEqualTo(6.0); // (2+6+10)/3
        assertThat(sma.add(-3)).isEqualTo(13.0 / 3);
    }

    @Test
    void emaMatchesStockChartsExample() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(10);
        List<Double> values = new ArrayList<>();
        for (double close : EMA_CLOSES) {
            values.add(ema.add(close));
        }

        assertThat(values.subList(0, 9)).containsOnlyNulls();
        List<Double> rounded = values.subList(9, values.size()).stream().map(v -> round2(v)).toList();
        assertThat(rounded).containsExactly(box(EMA_10));
    }

    @Test
    void emaIsSeededWithTheSmaOfTheFirstN() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(3);
        ema.add(1);
        ema.add(2);
        assertThat(ema.add(6)).isEqualTo(3.0);
        assertThat(ema.add(7)).isEqualTo(5.0); // 3 + (7-3) * 2/4
    }

    @Test
    void periodsBelowOneAreRejected() {
        assertThatThrownBy(() -> new SimpleMovingAverage(0)).hasMessageContaining("SMA period");
        assertThatThrownBy(() -> new ExponentialMovingAverage(0)).hasMessageContaining("EMA period");
    }

    static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
