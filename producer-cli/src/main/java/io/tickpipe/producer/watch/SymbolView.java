package io.tickpipe.producer.watch;

import java.time.Instant;

/**
 * What {@code tickpipe watch} shows for one symbol, as read from InfluxDB. A null component is data
 * that is not there yet (no trade, no bar, an indicator still warming up): shown as "-".
 *
 * @param last            price of the newest trade
 * @param bar             the newest bar of the watched interval (the live one while trades come in)
 * @param sessionVwap     session VWAP of the newest final bar of the indicator interval
 * @param rsi             RSI of the newest final bar of the indicator interval
 * @param recentAnomalies anomalies whose bar started within the anomaly window
 * @param latestAnomaly   the newest anomaly, however old
 */
public record SymbolView(String symbol, Double last, Bar bar, Double sessionVwap, Double rsi, long recentAnomalies,
                         Anomaly latestAnomaly) {

    /** One OHLCV bar; {@code vwap} over its trades, {@code closed} once the job wrote it final. */
    public record Bar(Instant start, double open, double high, double low, double close, double volume, double vwap,
                      boolean closed) {
    }

    /** An anomaly flag: its kind ({@code return}, {@code volume}), bar interval and bar start. */
    public record Anomaly(String kind, String interval, Instant barStart) {
    }
}
