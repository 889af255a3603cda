package io.tickpipe.spark.analytics;

/** Indicators as of one final bar; each is null while it is still warming up. */
public record IndicatorValues(String symbol, String interval, long startMicros, Double sessionVwap,
        Double sma, Double ema, Double rsi) implements AnalyticsEvent {
}
