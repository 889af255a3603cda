package io.tickpipe.spark.analytics;

/**
 * Indicators as of one final bar; each is null while it is still warming up.
 *
 * @param bollinger the Bollinger Bands of the close
 * @param macd the MACD lines (their signal and histogram warm up later than MACD itself)
 * @param atr the Average True Range
 */
public record IndicatorValues(String symbol, String interval, long startMicros, Double sessionVwap,
        Double sma, Double ema, Double rsi, BollingerBands.Bands bollinger,
        MovingAverageConvergenceDivergence.Lines macd, Double atr) implements AnalyticsEvent {
}
