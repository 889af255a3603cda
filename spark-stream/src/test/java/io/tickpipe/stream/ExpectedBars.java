package io.tickpipe.stream;

import io.tickpipe.market.Trade;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bars computed the plain way, independently of the job: sort the trades of a window by event
 * time and sequence, take the first and last, sum in that order. What the job wrote must match.
 */
final class ExpectedBars {

    record Key(String symbol, long startMicros) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = symbol.compareTo(o.symbol);
            return c != 0 ? c : Long.compare(startMicros, o.startMicros);
        }
    }

    record Bar(double open, double high, double low, double close, double volume, long tradeCount, double vwap) {
    }

    private ExpectedBars() {
    }

    static Map<Key, Bar> of(List<Trade> trades, long intervalMicros) {
        Map<Key, List<Trade>> windows = new TreeMap<>();
        for (Trade trade : trades) {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, trade.getEventTime());
            long start = Math.floorDiv(micros, intervalMicros) * intervalMicros;
            windows.computeIfAbsent(new Key(trade.getSymbol(), start), k -> new ArrayList<>()).add(trade);
        }
        Map<Key, Bar> bars = new TreeMap<>();
        windows.forEach((key, list) -> {
            list.sort(Comparator.comparing(Trade::getEventTime).thenComparingLong(Trade::getSequence));
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            double notional = 0;
            for (Trade t : list) {
                high = Math.max(high, t.getPrice());
                low = Math.min(low, t.getPrice());
                volume += t.getSize();
                notional += t.getPrice() * t.getSize();
            }
            bars.put(key, new Bar(list.get(0).getPrice(), high, low, list.get(list.size() - 1).getPrice(),
                    volume, list.size(), notional / volume));
        });
        return bars;
    }

    /** Simple moving average of the closes, per symbol, keyed like the bars; absent before n bars. */
    static Map<Key, Double> sma(Map<Key, Bar> bars, int n) {
        Map<Key, Double> sma = new TreeMap<>();
        String symbol = null;
        List<Double> closes = new ArrayList<>();
        for (Map.Entry<Key, Bar> e : bars.entrySet()) {
            if (!e.getKey().symbol().equals(symbol)) {
                symbol = e.getKey().symbol();
                closes.clear();
            }
            closes.add(e.getValue().close());
            if (closes.size() >= n) {
                sma.put(e.getKey(), closes.subList(closes.size() - n, closes.size()).stream()
                        .mapToDouble(Double::doubleValue).sum() / n);
            }
        }
        return sma;
    }
}
