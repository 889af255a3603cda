package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One trade as the bars see it. Its natural order is event time, then sequence number, then price and
 * size: a total order over distinct prints, so "the first" and "the last" trade of a bar do not
 * depend on the order in which trades arrive.
 */
record TradePrint(long timeMicros, long sequence, double price, double size)
        implements Comparable<TradePrint>, Serializable {

    private static final Comparator<TradePrint> ORDER = Comparator
            .comparingLong(TradePrint::timeMicros)
            .thenComparingLong(TradePrint::sequence)
            .thenComparingDouble(TradePrint::price)
            .thenComparingDouble(TradePrint::size);

    /** Whether bars can use it: exact decimal arithmetic needs finite numbers, and a price is positive. */
    boolean isUsable() {
        return Double.isFinite(price) && price > 0 && Double.isFinite(size) && size >= 0;
    }

    @Override
    public int compareTo(TradePrint other) {
        return ORDER.compare(this, other);
    }
}
