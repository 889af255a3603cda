package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One symbol's per-feature mean and (population) standard deviation: a feature is scored as its
 * distance from the symbol's own mean in the symbol's own deviations, so symbols of any price,
 * volatility and liquidity share one model. A feature that never varied has deviation 0: it is then
 * only centred, not scaled, as dividing by zero would make any later change infinite.
 */
public record Standardization(double[] mean, double[] deviation) implements Serializable {

    /** The mean and population standard deviation of each feature over {@code rows}. */
    public static Standardization of(List<double[]> rows) {
        int n = rows.get(0).length;
        double[] mean = new double[n];
        double[] deviation = new double[n];
        for (double[] row : rows) {
            for (int i = 0; i < n; i++) {
                mean[i] += row[i] / rows.size();
            }
        }
        for (double[] row : rows) {
            for (int i = 0; i < n; i++) {
                deviation[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / rows.size();
            }
        }
        for (int i = 0; i < n; i++) {
            deviation[i] = Math.sqrt(deviation[i]);
        }
        return new Standardization(mean, deviation);
    }

    /** {@code features} in this symbol's deviations from its mean. */
    public double[] apply(double[] features) {
        double[] z = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            z[i] = (features[i] - mean[i]) / (deviation[i] > 0 ? deviation[i] : 1);
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(deviation, s.deviation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(deviation);
    }

    @Override
    public String toString() {
        return "Standardization{mean=" + Arrays.toString(mean) + ", deviation=" + Arrays.toString(deviation) + "}";
    }
}
