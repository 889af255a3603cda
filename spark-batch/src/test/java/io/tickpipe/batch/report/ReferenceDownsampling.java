package io.tickpipe.batch.report;

import io.tickpipe.batch.report.ReportFrames.TestAnomaly;
import io.tickpipe.batch.report.ReportFrames.TestBar;
import io.tickpipe.batch.report.ReportFrames.TestIndicators;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The display aggregation in plain Java, one bucket at a time, from the definitions: the independent
 * side of the Spark tests.
 */
final class ReferenceDownsampling {
    private ReferenceDownsampling() {
    }

    static List<TestBar> bars(List<TestBar> bars, Map<String, DisplayInterval> display, ZoneId zone) {
        List<TestBar> out = new ArrayList<>();
        buckets(bars, TestBar::symbol, TestBar::time, display, zone).forEach((key, group) -> {
            group.sort(Comparator.comparing(TestBar::time));
            TestBar first = group.get(0);
            TestBar last = group.get(group.size() - 1);
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            long trades = 0;
            double weighted = 0;
            boolean allTrades = true;
            boolean allVwap = true;
            for (TestBar b : group) {
                high = Math.max(high, b.high());
                low = Math.min(low, b.low());
                volume += b.volume();
                allTrades &= b.tradeCount() != null;
                allVwap &= b.vwap() != null;
                trades += b.tradeCount() == null ? 0 : b.tradeCount();
                weighted += b.vwap() == null ? 0 : b.vwap() * b.volume();
            }
            Double vwap = group.size() == 1 ? first.vwap() : allVwap && volume > 0 ? weighted / volume : null;
            out.add(new TestBar(first.symbol(), display.get(first.symbol()).label(), key.start(), first.open(), high,
                    low, last.close(), volume, allTrades ? trades : null, vwap));
        });
        return out;
    }

    static List<TestIndicators> indicators(List<TestIndicators> rows, Map<String, DisplayInterval> display,
                                           ZoneId zone) {
        List<TestIndicators> out = new ArrayList<>();
        buckets(rows, TestIndicators::symbol, TestIndicators::time, display, zone).forEach((key, group) -> {
            TestIndicators last = group.stream().max(Comparator.comparing(TestIndicators::time)).orElseThrow();
            out.add(new TestIndicators(last.symbol(), display.get(last.symbol()).label(), key.start(), last.values()));
        });
        return out;
    }

    /** The {@code cap} anomalies of largest |score| of each symbol and interval, earlier first among equals. */
    static List<TestAnomaly> capped(List<TestAnomaly> anomalies, int cap) {
        Map<String, List<TestAnomaly>> bySeries = new TreeMap<>();
        anomalies.forEach(a -> bySeries.computeIfAbsent(a.symbol() + " " + a.interval(), k -> new ArrayList<>()).add(a));
        List<TestAnomaly> kept = new ArrayList<>();
        bySeries.values().forEach(list -> list.stream()
                .sorted(Comparator.comparingDouble((TestAnomaly a) -> -Math.abs(a.score()))
                        .thenComparing(TestAnomaly::time).thenComparing(TestAnomaly::kind))
                .limit(cap).forEach(kept::add));
        return kept;
    }

    record Key(String symbol, Instant start) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = symbol.compareTo(o.symbol);
            return c != 0 ? c : start.compareTo(o.start);
        }
    }

    private static <T> Map<Key, List<T>> buckets(List<T> rows, java.util.function.Function<T, String> symbol,
                                                 java.util.function.Function<T, Instant> time,
                                                 Map<String, DisplayInterval> display, ZoneId zone) {
        Map<Key, List<T>> buckets = new TreeMap<>();
        for (T row : rows) {
            DisplayInterval interval = display.get(symbol.apply(row));
            if (interval != null) {
                Key key = new Key(symbol.apply(row), ExpectedBuckets.start(time.apply(row), interval, zone));
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        return buckets;
    }
}
