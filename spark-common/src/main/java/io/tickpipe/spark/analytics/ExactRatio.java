package io.tickpipe.spark.analytics;

import java.math.BigDecimal;
import java.math.MathContext;

/** Exact sums to the double that downstream stores, the same bits whatever order the sums were built in. */
final class ExactRatio {
    private ExactRatio() {
    }

    /** {@code new BigDecimal(double)} is exact, so products and sums of these never round. */
    static BigDecimal exact(double value) {
        return new BigDecimal(value);
    }

    /**
     * {@code numerator / denominator} rounded once to 34 digits, then to a double; null when the
     * denominator is zero (only possible when every size was zero).
     */
    static Double of(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, MathContext.DECIMAL128).doubleValue();
    }
}
