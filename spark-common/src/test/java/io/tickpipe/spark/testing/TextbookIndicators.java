package io.tickpipe.spark.testing;

import java.util.Arrays;

/**
 * Bollinger Bands, MACD and ATR of one series of bars by their textbook definitions, computed over
 * whole arrays (each window summed afresh, each EMA a loop over its input), independently of the
 * job's incremental classes. A value is null where its definition has none yet.
 */
public final class TextbookIndicators {

    /** One bar's indicators; null while warming up, and %B for bands without width. */
    public record Values(Double middle, Double upper, Double lower, Double percentB, Double bandwidth,
            Double macd, Double signal, Double histogram, Double atr) {
    }

    private final Values[] values;

    private TextbookIndicators(Values[] values) {
        this.values = values;
    }

    /** The indicators of the bars with these highs, lows and closes, in bar order. */
    public static TextbookIndicators of(double[] highs, double[] lows, double[] closes, int bbPeriod, double bbWidth,
            int fast, int slow, int signalPeriod, int atrPeriod) {
        int n = closes.length;
        Double[] middle = new Double[n];
        Double[] upper = new Double[n];
        Double[] lower = new Double[n];
        Double[] percentB = new Double[n];
        Double[] bandwidth = new Double[n];
        for (int i = bbPeriod - 1; i < n; i++) {
            double[] window = Arrays.copyOfRange(closes, i - bbPeriod + 1, i + 1);
            double mean = Arrays.stream(window).average().orElseThrow();
            // Population standard deviation, as Bollinger defines the bands: divided by n, not n - 1.
            double deviation = Math.sqrt(Arrays.stream(window).map(x -> (x - mean) * (x - mean)).sum() / bbPeriod);
            middle[i] = mean;
            upper[i] = mean + bbWidth * deviation;
            lower[i] = mean - bbWidth * deviation;
            percentB[i] = deviation == 0 ? null : (closes[i] - lower[i]) / (upper[i] - lower[i]);
            bandwidth[i] = (upper[i] - lower[i]) / mean;
        }

        Double[] fastEma = ema(closes, 0, fast);
        Double[] slowEma = ema(closes, 0, slow);
        Double[] macd = new Double[n];
        Double[] signal = new Double[n];
        if (n >= slow) {
            double[] lines = new double[n];
            for (int i = slow - 1; i < n; i++) {
                macd[i] = fastEma[i] - slowEma[i];
                lines[i] = macd[i];
            }
            signal = ema(lines, slow - 1, signalPeriod);
        }

        Double[] atr = new Double[n];
        double[] trueRange = new double[n];
        for (int i = 0; i < n; i++) {
            trueRange[i] = i == 0 ? highs[i] - lows[i] : Math.max(highs[i], closes[i - 1]) - Math.min(lows[i], closes[i - 1]);
        }
        for (int i = atrPeriod - 1; i < n; i++) {
            atr[i] = i == atrPeriod - 1 ? Arrays.stream(trueRange, 0, atrPeriod).average().orElseThrow()
                    : (atr[i - 1] * (atrPeriod - 1) + trueRange[i]) / atrPeriod;
        }

        Values[] values = new Values[n];
        for (int i = 0; i < n; i++) {
            Double histogram = signal[i] == null ? null : macd[i] - signal[i];
            values[i] = new Values(middle[i], upper[i], lower[i], percentB[i], bandwidth[i], macd[i], signal[i], histogram, atr[i]);
        }
        return new TextbookIndicators(values);
    }

    /** The {@code i}-th bar's values. */
    public Values at(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
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
}
