package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Builds one bar from its trades in any order and any number of pieces. Volume and notional
 * (price times size) are exact decimal sums, and open/close are chosen by {@link TradePrint}'s total
 * order, so the bar is bit-identical however Spark split and ordered the trades (a restarted query
 * re-splits its input differently from an uninterrupted one).
 */
public final class BarAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private TradePrint first;
    private TradePrint last;
    private double high = Double.NEGATIVE_INFINITY;
    private double low = Double.POSITIVE_INFINITY;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal notional = BigDecimal.ZERO;
    private long tradeCount;

    /** Adds one trade; the caller has checked it is {@link TradePrint#isUsable() usable}. */
    void add(TradePrint trade) {
        if (first == null || trade.compareTo(first) < 0) {
            first = trade;
        }
        if (last == null || trade.compareTo(last) > 0) {
            last = trade;
        }
        high = Math.max(high, trade.price());
        low = Math.min(low, trade.price());
        BigDecimal size = ExactRatio.exact(trade.size());
        volume = volume.add(size);
        notional = notional.add(ExactRatio.exact(trade.price()).multiply(size));
        tradeCount++;
    }

    /** Adds a trade given by its fields (tests and callers outside the package). */
    public void add(double price, double size, long timeMicros, long sequence) {
        TradePrint trade = new TradePrint(timeMicros, sequence, price, size);
        if (!trade.isUsable()) {
            throw new IllegalArgumentException("unusable trade " + trade);
        }
        add(trade);
    }

    /** Whether no trade was added. */
    public boolean isEmpty() {
        return tradeCount == 0;
    }

    /** Exact sum of sizes. */
    public BigDecimal exactVolume() {
        return volume;
    }

    /** Exact sum of price times size. */
    public BigDecimal exactNotional() {
        return notional;
    }

    /** The bar so far; must not be empty. */
    public Bar toBar(String symbol, String interval, long startMicros, boolean isFinal) {
        if (isEmpty()) {
            throw new IllegalStateException("no trades in bar " + symbol + " " + interval + " " + startMicros);
        }
        return new Bar(symbol, interval, startMicros, first.price(), high, low, last.price(),
                volume.doubleValue(), tradeCount, ExactRatio.of(notional, volume), isFinal);
    }
}
