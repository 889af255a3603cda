package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

/**
 * Bollinger Bands, MACD and ATR of one series of bars by their textbook definitions, computed here
 * over whole arrays (each window summed afresh, each EMA a loop over its input), independently of
 * the streaming classes; {@link #check} compares one bar's values, nulls where the definition has
 * none yet.
 */
final class PlainIndicators {
    /** Doubles summed in another order differ in their last bits; the values are prices of about 100. */
    private static final double TOLERANCE = 1e-9;

    private final Double[] middle;
    private final Double[] upper;
    private final Double[] lower;
    private final Double[] percentB;
    private final Double[] bandwidth;
    private final Double[] macd;
    private final Double[] signal;
    private final Double[] atr;

    private PlainIndicators(int n) {
        middle = new Double[n];
        upper = new Double[n];
        lower = new Double[n];
        percentB = new Double[n];
        bandwidth = new Double[n];
        macd = new Double[n];
        signal = new Double[n];
        atr = new Double[n];
    }

    static PlainIndicators of(List<Bar> bars, int bbPeriod, double bbWidth, int fast, int slow, int signalPeriod, int atrPeriod) {
        int n = bars.size();
        PlainIndicators p = new PlainIndicators(n);
        double[] closes = bars.stream().mapToDouble(Bar::close).toArray();
        for (int i = bbPeriod - 1; i < n; i++) {
            double[] window = Arrays.copyOfRange(closes, i - bbPeriod + 1, i + 1);
            double mean = Arrays.stream(window).average().orElseThrow();
            double variance = Arrays.stream(window).map(x -> (x - mean) * (x - mean)).sum() / bbPeriod;
            double deviation = Math.sqrt(variance);
            p.middle[i] = mean;
            p.upper[i] = mean + bbWidth * deviation;
            p.lower[i] = mean - bbWidth * deviation;
            p.percentB[i] = deviation == 0 ? null : (closes[i] - p.lower[i]) / (p.upper[i] - p.lower[i]);
            p.bandwidth[i] = (p.upper[i] - p.lower[i]) / mean;
        }
        Double[] fastEma = ema(closes, 0, fast);
        Double[] slowEma = ema(closes, 0, slow);
        for (int i = slow - 1; i < n; i++) {
            p.macd[i] = fastEma[i] - slowEma[i];
        }
        if (n >= slow) {
            double[] lines = new double[n];
            for (int i = slow - 1; i < n; i++) {
                lines[i] = p.macd[i];
            }
            Double[] signalEma = ema(lines, slow - 1, signalPeriod);
            System.arraycopy(signalEma, 0, p.signal, 0, n);
        }
        double[] trueRange = new double[n];
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            trueRange[i] = i == 0 ? b.high() - b.low()
                    : Math.max(b.high(), closes[i - 1]) - Math.min(b.low(), closes[i - 1]);
        }
        for (int i = atrPeriod - 1; i < n; i++) {
            p.atr[i] = i == atrPeriod - 1 ? Arrays.stream(trueRange, 0, atrPeriod).average().orElseThrow()
                    : (p.atr[i - 1] * (atrPeriod - 1) + trueRange[i]) / atrPeriod;
        }
        return p;
    }

    /** EMA(period) of {@code values} from index {@code first}: the mean of the first period values, then 2/(period+1) weights. */
    private static Double[] ema(double[] values, int first, int period) {
        Double[] ema = new Double[values.length];
        double k = 2.0 / (period + 1);
        int seeded = first + period - 1;
        if (seeded >= values.length) {
            return ema;
        }
        ema[seeded] = Arrays.stream(values, first, seeded + 1).average().orElseThrow();
        for (int i = seeded + 1; i < values.length; i++) {
            ema[i] = values[i] * k + ema[i - 1] * (1 - k);
        }
        return ema;
    }

    void check(int i, IndicatorValues got, String at) {
        if (middle[i] == null) {
            assertThat(got.bollinger()).as("bands of %s", at).isNull();
        } else {
            BollingerBands.Bands b = got.bollinger();
            assertThat(b).as("bands of %s", at).isNotNull();
            assertThat(b.middle()).as("middle band of %s", at).isCloseTo(middle[i], within(TOLERANCE));
            assertThat(b.upper()).as("upper band of %s", at).isCloseTo(upper[i], within(TOLERANCE));
            assertThat(b.lower()).as("lower band of %s", at).isCloseTo(lower[i], within(TOLERANCE));
            assertThat(b.bandwidth()).as("bandwidth of %s", at).isCloseTo(bandwidth[i], within(TOLERANCE));
            if (percentB[i] == null) {
                assertThat(b.percentB()).as("%%B of %s", at).isNull();
            } else {
                // %B divides by the bands' width: a narrow band magnifies the rounding of its ends.
                assertThat(b.percentB()).as("%%B of %s", at).isCloseTo(percentB[i], within(1e-6));
            }
        }
        if (macd[i] == null) {
            assertThat(got.macd()).as("MACD of %s", at).isNull();
        } else {
            assertThat(got.macd().macd()).as("MACD of %s", at).isCloseTo(macd[i], within(TOLERANCE));
            if (signal[i] == null) {
                assertThat(got.macd().signal()).as("signal of %s", at).isNull();
                assertThat(got.macd().histogram()).as("histogram of %s", at).isNull();
            } else {
                assertThat(got.macd().signal()).as("signal of %s", at).isCloseTo(signal[i], within(TOLERANCE));
                assertThat(got.macd().histogram()).as("histogram of %s", at).isCloseTo(macd[i] - signal[i], within(TOLERANCE));
            }
        }
        if (atr[i] == null) {
            assertThat(got.atr()).as("ATR of %s", at).isNull();
        } else {
            assertThat(got.atr()).as("ATR of %s", at).isCloseTo(atr[i], within(TOLERANCE));
        }
    }
}
