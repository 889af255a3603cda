package io.tickpipe.spark.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names the indicators are stored under, in InfluxDB's {@code indicators} measurement and in the
 * analysis' {@code indicators/} table: named after the configured periods ({@code sma_20},
 * {@code bb_upper_20}, {@code macd_12_26}), so points or rows of different periods never pass for one
 * another. Defined once here for every writer.
 */
public final class IndicatorFields {
    private IndicatorFields() {
    }

    /**
     * Each column of {@link MarketAnalytics#indicators} (but symbol, interval and time) with its stored
     * name, in column order. The Bollinger width is not in the names: the period is what readers line
     * up, and a width other than 2 is a deliberate choice made for every symbol.
     */
    public static Map<String, String> of(AnalyticsConfig config) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("session_vwap", "session_vwap");
        names.put("sma", "sma_" + config.smaPeriod());
        names.put("ema", "ema_" + config.emaPeriod());
        names.put("rsi", "rsi_" + config.rsiPeriod());
        int bollinger = config.bollingerPeriod();
        names.put("bb_middle", "bb_middle_" + bollinger);
        names.put("bb_upper", "bb_upper_" + bollinger);
        names.put("bb_lower", "bb_lower_" + bollinger);
        names.put("bb_percent_b", "bb_percent_b_" + bollinger);
        names.put("bb_bandwidth", "bb_bandwidth_" + bollinger);
        names.put("macd", "macd_" + config.macdFast() + "_" + config.macdSlow());
        names.put("macd_signal", "macd_signal_" + config.macdSignal());
        names.put("macd_histogram", "macd_histogram");
        names.put("atr", "atr_" + config.atrPeriod());
        return Collections.unmodifiableMap(names);
    }
}
