package io.tickpipe.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
public final class ExpectedBars {

    public record Key(String symbol, long startMicros) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = symbol.compareTo(o.symbol);
            return c != 0 ? c : Long.compare(startMicros, o.startMicros);
        }
    }

    public record Bar(double open, double high, double low, double close, double volume, long tradeCount, double vwap) {
    }

    private ExpectedBars() {
    }

    public static Map<Key, Bar> of(List<Trade> trades, long intervalMicros) {
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

    /** The bars of an InfluxDB query's rows ({@code SELECT * FROM bars WHERE ...}), keyed like {@link #of}. */
    public static Map<Key, Bar> fromInflux(List<Map<String, Object>> rows) {
        Map<Key, Bar> bars = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            bars.put(new Key((String) row.get("symbol"), Influx.micros(row)), new Bar(Influx.number(row, "open"),
                    Influx.number(row, "high"), Influx.number(row, "low"), Influx.number(row, "close"),
                    Influx.number(row, "volume"), (long) Influx.number(row, "trade_count"), Influx.number(row, "vwap")));
        }
        return bars;
    }

    /**
     * The same bars, each with exactly the expected values; VWAP to 1e-9 relative, because the job
     * divides exact sums and this class divides double sums.
     */
    public static void assertMatches(Map<Key, Bar> actual, Map<Key, Bar> expected) {
        assertThat(actual.keySet()).as("bars").containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, want) -> {
            Bar bar = actual.get(key);
            assertThat(bar).as("bar %s", key).usingRecursiveComparison().ignoringFields("vwap").isEqualTo(want);
            assertThat(bar.vwap()).as("vwap %s", key).isCloseTo(want.vwap(), within(1e-9 * want.vwap()));
        });
    }

    /** Simple moving average of the closes, per symbol, keyed like the bars; absent before n bars. */
    public static Map<Key, Double> sma(Map<Key, Bar> bars, int n) {
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
