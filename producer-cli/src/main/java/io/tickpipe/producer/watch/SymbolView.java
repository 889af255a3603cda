package io.tickpipe.producer.watch;

import java.time.Instant;

/**
 * What {@code tickpipe watch} shows for one symbol, as read from InfluxDB. A null component is data
 * that is not there yet (no trade, no bar, an indicator still warming up): shown as "-".
 *
 * @param last            price of the newest trade
 * @param bar             the newest bar of the watched interval (the live one while trades come in)
 * @param indicators      the indicators of the newest final bar of the indicator interval
 * @param recentAnomalies anomalies whose bar started within the anomaly window
 * @param latestAnomaly   the newest anomaly, however old
 */
public record SymbolView(String symbol, Double last, Bar bar, Indicators indicators, long recentAnomalies,
                         Anomaly latestAnomaly) {

    public SymbolView {
        if (indicators == null) {
            indicators = Indicators.NONE;
        }
    }

    /** One OHLCV bar; {@code vwap} over its trades, {@code closed} once the job wrote it final. */
    public record Bar(Instant start, double open, double high, double low, double close, double volume, double vwap,
                      boolean closed) {
    }

    /**
     * The indicators of one final bar, each null while it warms up ({@code percentB} also when the
     * bands have no width).
     */
    public record Indicators(Double sessionVwap, Double rsi, Double bollingerLower, Double bollingerUpper, Double percentB,
                             Double macd, Double macdSignal, Double macdHistogram, Double atr) {

        /** No indicator point yet. */
        public static final Indicators NONE = new Indicators(null, null, null, null, null, null, null, null, null);

        /** Only session VWAP and RSI, as a point read before the others warmed up has them. */
        public static Indicators vwapAndRsi(Double sessionVwap, Double rsi) {
            return new Indicators(sessionVwap, rsi, null, null, null, null, null, null, null);
        }
    }

    /** An anomaly flag: its kind ({@code return}, {@code volume}), bar interval and bar start. */
    public record Anomaly(String kind, String interval, Instant barStart) {
    }
}
