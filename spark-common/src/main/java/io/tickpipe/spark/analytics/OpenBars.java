package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bars of one symbol and interval that may still receive trades, keyed by start, and which of
 * them trades touched since the last {@link #drainTouched()}.
 */
final class OpenBars implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One bar: its start and its trades. */
    record Slot(long startMicros, BarAccumulator bar) {
    }

    private final BarInterval interval;
    private final TreeMap<Long, BarAccumulator> open = new TreeMap<>();
    private final TreeSet<Long> touched = new TreeSet<>();
    /** Bars ending at or before this were emitted as final and can never change again. */
    private long closedThrough = Long.MIN_VALUE;

    OpenBars(BarInterval interval) {
        this.interval = interval;
    }

    BarInterval interval() {
        return interval;
    }

    /**
     * Adds a trade to its bar; false when that bar was already final. Spark drops trades older than
     * the watermark it uses for late data, but in Spark 3.5 that one can lag the watermark that
     * closes bars by a micro-batch, so a final bar must refuse a trade here rather than change.
     */
    boolean add(TradePrint trade) {
        long start = interval.startOf(trade.timeMicros());
        if (interval.endOf(start) <= closedThrough) {
            return false;
        }
        open(start).add(trade);
        return true;
    }

    /** Merges a finer bar into the bar holding its start; false when that bar was already final. */
    boolean addBar(long startMicros, double open, double high, double low, double close, double volume) {
        long start = interval.startOf(startMicros);
        if (interval.endOf(start) <= closedThrough) {
            return false;
        }
        open(start).addBar(startMicros, open, high, low, close, volume);
        return true;
    }

    private BarAccumulator open(long start) {
        touched.add(start);
        return this.open.computeIfAbsent(start, s -> new BarAccumulator());
    }

    /** Removes, in start order, every bar that ends at or before {@code watermarkMicros}. */
    List<Slot> closeThrough(long watermarkMicros) {
        closedThrough = Math.max(closedThrough, watermarkMicros);
        // Bar ends grow with their starts (calendar days differ in length, so no fixed offset).
        Long firstOpen = open.ceilingKey(Long.MIN_VALUE);
        Long last = null;
        for (Long start = firstOpen; start != null && interval.endOf(start) <= watermarkMicros; start = open.higherKey(start)) {
            last = start;
        }
        return last == null ? List.of() : removeAll(open.headMap(last, true));
    }

    /** Removes every bar, in start order: the input has ended. */
    List<Slot> closeAll() {
        if (!open.isEmpty()) {
            closedThrough = Math.max(closedThrough, interval.endOf(open.lastKey()));
        }
        return removeAll(open);
    }

    private List<Slot> removeAll(NavigableMap<Long, BarAccumulator> bars) {
        List<Slot> closed = new ArrayList<>(bars.size());
        for (Iterator<Map.Entry<Long, BarAccumulator>> it = bars.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, BarAccumulator> e = it.next();
            closed.add(new Slot(e.getKey(), e.getValue()));
            touched.remove(e.getKey());
            it.remove();
        }
        return closed;
    }

    /** The still open bars that trades touched since the last call, in start order; forgets them. */
    List<Slot> drainTouched() {
        List<Slot> live = new ArrayList<>(touched.size());
        for (long start : touched) {
            live.add(new Slot(start, open.get(start)));
        }
        touched.clear();
        return live;
    }

    /** End of the earliest open bar, if any. */
    OptionalLong earliestEnd() {
        return open.isEmpty() ? OptionalLong.empty() : OptionalLong.of(interval.endOf(open.firstKey()));
    }
}
