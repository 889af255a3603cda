package io.tickpipe.batch.report;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A symbol's row of the {@code summary/} table: its statistics over the analysed range at the summary
 * interval. The components mirror the table's columns ({@code first_time} is {@code firstTime}).
 *
 * <p>Nullable: {@code tradeCount} and {@code vwap} (bars input has no trades); the return statistics
 * and drawdown, which need at least one or two returns; {@code drawdownTroughTime} when the closes never
 * fell below a peak.
 *
 * @param annualizationFactor what {@code logReturnStddev} was multiplied by, e.g. sqrt(252) for 1d
 * @param maxDrawdown the largest fall from a peak close to a later close, as a fraction of the peak
 *     (0.25 = 25 %)
 * @param anomaliesByKind anomaly counts by kind; they add up to {@code anomalies}
 */
public record SummaryRow(String symbol, String interval, Instant firstTime, Instant lastTime, double open,
                         double high, double low, double close, double volume, Long tradeCount, Double vwap,
                         Double totalReturn, Double logReturnMean, Double logReturnStddev,
                         Double annualizedVolatility, double annualizationFactor, Double maxDrawdown,
                         Instant drawdownPeakTime, Instant drawdownTroughTime, long anomalies,
                         Map<String, Long> anomaliesByKind, long barCount) {
    public SummaryRow {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(firstTime, "firstTime");
        Objects.requireNonNull(lastTime, "lastTime");
        // Sorted, so the report and its JSON list kinds in one order whatever map the caller had.
        anomaliesByKind = Collections.unmodifiableMap(new TreeMap<>(anomaliesByKind));
        long byKind = anomaliesByKind.values().stream().mapToLong(Long::longValue).sum();
        if (byKind != anomalies) {
            throw new IllegalArgumentException(symbol + ": anomalies by kind " + anomaliesByKind + " add up to "
                    + byKind + ", not " + anomalies);
        }
    }
}
