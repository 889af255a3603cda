package io.tickpipe.spark.analytics;

/**
 * A final bar whose {@code value} (log return or log volume, by {@code kind}) scored
 * {@code |score| >= threshold} against the recent history of its symbol and interval.
 */
public record Anomaly(String symbol, String interval, AnomalyKind kind, long startMicros,
        double score, double close, double volume, double value) implements AnalyticsEvent {
}
