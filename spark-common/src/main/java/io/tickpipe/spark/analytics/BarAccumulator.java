package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Builds one bar from its trades in any order and any number of pieces. Volume and notional
 * (price times size) are exact decimal sums, and open/close are chosen by {@link TradePrint}'s total
 * order, so the bar is bit-identical however Spark split and ordered the trades (a restarted query
 * re-splits its input differently from an uninterrupted one).
 *
 * <p>It also merges finer bars ({@link #addBar}), as a vendor's bar file gives them: a bar is the
 * summary of its trades, so open, high, low, close and volume merge exactly; the notional and the
 * trade count are unknown then, and with them VWAP.
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
    private boolean fromBars;

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

    /**
     * Merges a finer bar starting at {@code startMicros}: its open counts as the first print at its
     * start and its close as the last, so bars in any order merge to the bar of their trades.
     */
    void addBar(long startMicros, double open, double high, double low, double close, double volume) {
        TradePrint opening = new TradePrint(startMicros, 0, open, 0);
        TradePrint closing = new TradePrint(startMicros, 1, close, 0);
        if (first == null || opening.compareTo(first) < 0) {
            first = opening;
        }
        if (last == null || closing.compareTo(last) > 0) {
            last = closing;
        }
        this.high = Math.max(this.high, high);
        this.low = Math.min(this.low, low);
        this.volume = this.volume.add(ExactRatio.exact(volume));
        fromBars = true;
        tradeCount++;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return tradeCount == 0;
    }

    /** Exact sum of sizes. */
    public BigDecimal exactVolume() {
        return volume;
    }

    /** Exact sum of price times size; null when the bar was merged from bars, which do not carry it. */
    public BigDecimal exactNotional() {
        return fromBars ? null : notional;
    }

    /** The bar so far; must not be empty. */
    public Bar toBar(String symbol, String interval, long startMicros, boolean isFinal) {
        if (isEmpty()) {
            throw new IllegalStateException("no trades in bar " + symbol + " " + interval + " " + startMicros);
        }
        return new Bar(symbol, interval, startMicros, first.price(), high, low, last.price(),
                volume.doubleValue(), fromBars ? null : tradeCount, fromBars ? null : ExactRatio.of(notional, volume), isFinal);
    }
}
