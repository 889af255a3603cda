package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.StockChartsExamples.BOLLINGER;
import static io.tickpipe.spark.analytics.StockChartsExamples.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No published MACD table with these seeding rules (both EMAs and the signal seeded with an SMA) was
 * found to compare with; MACD is checked against a spreadsheet-style computation in 34-digit decimals
 * written here, over published closes (StockCharts' Bollinger example), and a small example worked by
 * hand. Its EMAs are {@link ExponentialMovingAverage}, which matches StockCharts' EMA table.
 */
class MovingAverageConvergenceDivergenceTest {
    private static final MathContext DECIMALS = MathContext.DECIMAL128;

    @Test
    void equalsAnIndependentDecimalComputationWithSmaSeeds() {
        double[] closes = column(BOLLINGER, 0);
        MovingAverageConvergenceDivergence macd = new MovingAverageConvergenceDivergence(12, 26, 9);
        List<MovingAverageConvergenceDivergence.Lines> lines = new ArrayList<>();
        for (double close : closes) {
            lines.add(macd.add(close));
        }

        BigDecimal[] fast = ema(decimals(closes), 12);
        BigDecimal[] slow = ema(decimals(closes), 26);
        BigDecimal[] line = new BigDecimal[closes.length];
        for (int i = 25; i < closes.length; i++) {
            line[i] = fast[i].subtract(slow[i], DECIMALS);
        }
        BigDecimal[] signal = new BigDecimal[closes.length];
        BigDecimal[] fromFirstMacd = ema(Arrays.copyOfRange(line, 25, closes.length), 9);
        System.arraycopy(fromFirstMacd, 0, signal, 25, fromFirstMacd.length);

        assertThat(lines.subList(0, 25)).containsOnlyNulls();
        for (int i = 25; i < closes.length; i++) {
            MovingAverageConvergenceDivergence.Lines l = lines.get(i);
            assertThat(l.macd()).as("MACD of close %d", i + 1).isCloseTo(line[i].doubleValue(), within(1e-12));
            if (i < 33) {
                assertThat(l.signal()).as("signal of close %d", i + 1).isNull();
                assertThat(l.histogram()).isNull();
            } else {
                assertThat(l.signal()).as("signal of close %d", i + 1).isCloseTo(signal[i].doubleValue(), within(1e-12));
                assertThat(l.histogram()).as("histogram of close %d", i + 1)
                        .isCloseTo(line[i].subtract(signal[i], DECIMALS).doubleValue(), within(1e-12));
            }
        }
        assertThat(lines.get(41).signal()).as("the series is long enough to test signals").isNotNull();
    }

    /** MACD(1, 3, 3), whose multipliers 1 and 1/2 keep every value exact in binary. */
    @Test
    void aSmallExampleWorkedByHand() {
        MovingAverageConvergenceDivergence macd = new MovingAverageConvergenceDivergence(1, 3, 3);
        assertThat(macd.add(1)).isNull();
        assertThat(macd.add(3)).isNull();
        // Slow EMA seeded with (1 + 3 + 5) / 3 = 3; MACD 5 - 3.
        assertThat(macd.add(5)).isEqualTo(new MovingAverageConvergenceDivergence.Lines(2, null, null));
        // Slow 3 + (3 - 3) / 2 = 3; MACD 0.
        assertThat(macd.add(3)).isEqualTo(new MovingAverageConvergenceDivergence.Lines(0, null, null));
        // Slow 3 + (8 - 3) / 2 = 5.5; MACD 2.5; signal seeded with (2 + 0 + 2.5) / 3 = 1.5.
        assertThat(macd.add(8)).isEqualTo(new MovingAverageConvergenceDivergence.Lines(2.5, 1.5, 1.0));
        // Slow 5.5 + (11 - 5.5) / 2 = 8.25; MACD 2.75; signal 1.5 + (2.75 - 1.5) / 2 = 2.125.
        assertThat(macd.add(11)).isEqualTo(new MovingAverageConvergenceDivergence.Lines(2.75, 2.125, 0.625));
    }

    @Test
    void aFlatSeriesHasZeroLinesAndOneBarIsWarmUp() {
        MovingAverageConvergenceDivergence macd = new MovingAverageConvergenceDivergence(12, 26, 9);
        assertThat(macd.add(187.25)).isNull();
        MovingAverageConvergenceDivergence.Lines last = null;
        for (int i = 1; i < 40; i++) {
            last = macd.add(187.25);
        }
        assertThat(last).isEqualTo(new MovingAverageConvergenceDivergence.Lines(0, 0.0, 0.0));
    }

    @Test
    void badPeriodsAreRejected() {
        assertThatThrownBy(() -> new MovingAverageConvergenceDivergence(26, 12, 9)).hasMessageContaining("must be shorter");
        assertThatThrownBy(() -> new MovingAverageConvergenceDivergence(12, 12, 9)).hasMessageContaining("must be shorter");
        assertThatThrownBy(() -> new MovingAverageConvergenceDivergence(12, 26, 0)).hasMessageContaining("at least 1");
    }

    private static BigDecimal[] decimals(double[] values) {
        return Arrays.stream(values).mapToObj(BigDecimal::valueOf).toArray(BigDecimal[]::new);
    }

    /** As a spreadsheet does it: the n-th cell AVERAGE of the first n, each later one (x - prev) * 2/(n+1) + prev. */
    private static BigDecimal[] ema(BigDecimal[] values, int n) {
        BigDecimal[] ema = new BigDecimal[values.length];
        BigDecimal multiplier = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n + 1), DECIMALS);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < values.length; i++) {
            if (i < n) {
                sum = sum.add(values[i]);
                if (i == n - 1) {
                    ema[i] = sum.divide(BigDecimal.valueOf(n), DECIMALS);
                }
            } else {
                ema[i] = values[i].subtract(ema[i - 1]).multiply(multiplier, DECIMALS).add(ema[i - 1], DECIMALS);
            }
        }
        return ema;
    }
}
