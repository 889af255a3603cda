package io.tickpipe.batch.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's part of the report: its chart and its summary row.
 *
 * <p>The indicator series hold one value per candle, {@code null} where the indicator has none
 * (warm-up, or bars input without trades for VWAP): the chart leaves a gap there. The MACD histogram
 * is not among them: the page draws {@code macd - macdSignal}, which is what the job computes.
 * Each is the value of the candle's last bar, as a chart of the finer bars would show at the
 * candle's close.
 *
 * @param symbol the symbol
 * @param barInterval the interval of the bars the chart was drawn from, e.g. {@code "1m"}
 * @param chartInterval the interval of the candles, coarser than {@code barInterval} when the bars
 *     were aggregated to the screen's resolution ({@link ChartResolution})
 * @param candles the candles, oldest first, at most one per start time
 * @param vwap the session VWAP at each candle's last bar
 * @param sma the SMA at each candle's last bar
 * @param ema the EMA at each candle's last bar
 * @param rsi the RSI at each candle's last bar
 * @param bollingerUpper the upper Bollinger Band at each candle's last bar
 * @param bollingerLower the lower Bollinger Band at each candle's last bar
 * @param macd MACD at each candle's last bar
 * @param macdSignal MACD's signal line at each candle's last bar
 * @param atr the ATR at each candle's last bar
 * @param anomalies the anomalies marked, at most {@link ChartDownsampling#ANOMALY_CAP}
 * @param anomalyCount how many anomalies the symbol has in all; more than {@code anomalies.size()}
 *     when the chart shows only those with the largest |score|
 * @param summary the symbol's row of the summary table
 */
public record SymbolReport(String symbol, String barInterval, String chartInterval, List<Candle> candles,
                           List<Double> vwap, List<Double> sma, List<Double> ema, List<Double> rsi,
                           List<Double> bollingerUpper, List<Double> bollingerLower, List<Double> macd,
                           List<Double> macdSignal, List<Double> atr, List<AnomalyMark> anomalies, long anomalyCount,
                           SummaryRow summary) {
    public SymbolReport {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(barInterval, "barInterval");
        Objects.requireNonNull(chartInterval, "chartInterval");
        candles = List.copyOf(candles);
        for (int i = 1; i < candles.size(); i++) {
            if (candles.get(i).time() <= candles.get(i - 1).time()) {
                throw new IllegalArgumentException(symbol + ": candle " + i + " (" + candles.get(i).time()
                        + ") does not start after the one before it (" + candles.get(i - 1).time() + ")");
            }
        }
        vwap = series(symbol, "vwap", vwap, candles.size());
        sma = series(symbol, "sma", sma, candles.size());
        ema = series(symbol, "ema", ema, candles.size());
        rsi = series(symbol, "rsi", rsi, candles.size());
        bollingerUpper = series(symbol, "bollingerUpper", bollingerUpper, candles.size());
        bollingerLower = series(symbol, "bollingerLower", bollingerLower, candles.size());
        macd = series(symbol, "macd", macd, candles.size());
        macdSignal = series(symbol, "macdSignal", macdSignal, candles.size());
        atr = series(symbol, "atr", atr, candles.size());
        anomalies = List.copyOf(anomalies);
        if (anomalyCount < anomalies.size()) {
            throw new IllegalArgumentException(symbol + ": anomaly count " + anomalyCount + " is less than the "
                    + anomalies.size() + " anomalies marked");
        }
        Objects.requireNonNull(summary, "summary");
        if (!summary.symbol().equals(symbol)) {
            throw new IllegalArgumentException("the summary row of " + summary.symbol() + " was given for " + symbol);
        }
    }

    /** Whether the chart marks fewer anomalies than the symbol has. */
    public boolean anomaliesCapped() {
        return anomalyCount > anomalies.size();
    }

    // List.copyOf rejects nulls, and a null is a gap here.
    private static List<Double> series(String symbol, String name, List<Double> values, int candles) {
        if (values.size() != candles) {
            throw new IllegalArgumentException(symbol + ": " + name + " has " + values.size() + " values for "
                    + candles + " candles");
        }
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v != null && !Double.isFinite(v)) {
                throw new IllegalArgumentException(symbol + ": " + name + " value " + i + " is " + v
                        + "; a value must be finite, or null for none");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
