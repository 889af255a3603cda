package io.tickpipe.producer.watch;

/**
 * The periods the streaming job was started with, which name the fields of its {@code indicators}
 * measurement ({@code rsi_14}, {@code bb_upper_20}, {@code macd_12_26}, ...): what {@code tickpipe watch}
 * must read, and how its headers label the values.
 */
public record IndicatorPeriods(int rsi, int bollinger, int macdFast, int macdSlow, int macdSignal, int atr) {

    /** The job's defaults: RSI 14, Bollinger 20, MACD 12, 26, 9, ATR 14. */
    public static final IndicatorPeriods DEFAULTS = new IndicatorPeriods(14, 20, 12, 26, 9, 14);

    String rsiField() {
        return "rsi_" + rsi;
    }

    String bollingerLowerField() {
        return "bb_lower_" + bollinger;
    }

    String bollingerUpperField() {
        return "bb_upper_" + bollinger;
    }

    String percentBField() {
        return "bb_percent_b_" + bollinger;
    }

    String macdField() {
        return "macd_" + macdFast + "_" + macdSlow;
    }

    String macdSignalField() {
        return "macd_signal_" + macdSignal;
    }

    String macdHistogramField() {
        return "macd_histogram";
    }

    String atrField() {
        return "atr_" + atr;
    }
}
