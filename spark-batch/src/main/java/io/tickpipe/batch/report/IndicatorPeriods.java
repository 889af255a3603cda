package io.tickpipe.batch.report;

import io.tickpipe.spark.analytics.AnalyticsConfig;

/**
 * The parameters the indicators were computed with, as the report names them in its charts' legends
 * and in what was analysed.
 *
 * @param sma SMA period in bars
 * @param ema EMA period in bars
 * @param rsi RSI period in bars
 * @param bollinger Bollinger Bands period in bars
 * @param bollingerWidth standard deviations from the Bollinger middle band to the outer ones
 * @param macdFast bars in MACD's fast EMA
 * @param macdSlow bars in MACD's slow EMA
 * @param macdSignal MACD values in the signal line's EMA
 * @param atr ATR period in bars
 */
public record IndicatorPeriods(int sma, int ema, int rsi, int bollinger, double bollingerWidth, int macdFast, int macdSlow,
                               int macdSignal, int atr) {

    /** The periods of {@code config}. */
    public static IndicatorPeriods of(AnalyticsConfig config) {
        return new IndicatorPeriods(config.smaPeriod(), config.emaPeriod(), config.rsiPeriod(), config.bollingerPeriod(),
                config.bollingerWidth(), config.macdFast(), config.macdSlow(), config.macdSignal(), config.atrPeriod());
    }
}
