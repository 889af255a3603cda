package io.tickpipe.spark.analytics;

/**
 * One OHLCV bar of one symbol and interval. {@code vwap} is null when every size was zero, and
 * {@code vwap} and {@code tradeCount} are null for bars made from bar files, which carry neither.
 * {@code isFinal} is false for a live bar that may still change, true once no trade can reach it.
 */
public record Bar(String symbol, String interval, long startMicros, double open, double high,
        double low, double close, double volume, Long tradeCount, Double vwap, boolean isFinal)
        implements AnalyticsEvent {
}
