package io.tickpipe.producer.watch;

import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what {@code tickpipe watch} shows from the measurements the streaming job writes, in one
 * InfluxQL request of five statements. Each takes the newest point per symbol ({@code ORDER BY time
 * DESC LIMIT 1}, which InfluxDB answers from the end of each series without scanning it), except the
 * anomaly count, which is bounded by the anomaly window.
 */
public final class WatchQuery {
    private final InfluxQl influx;
    private final List<String> symbols;
    private final IndicatorPeriods periods;
    private final List<String> statements;

    /**
     * @param symbols the rows, in this order, each shown even without data; empty: every symbol
     *                found, sorted
     * @param periods the job's indicator periods, which name the fields read
     */
    public WatchQuery(InfluxQl influx, List<String> symbols, String barInterval, String indicatorInterval,
                      IndicatorPeriods periods, Duration anomalyWindow) {
        this.influx = influx;
        this.symbols = List.copyOf(symbols);
        this.periods = periods;
        String indicatorFields = String.join(", ", List.of("session_vwap", periods.rsiField(),
                periods.bollingerLowerField(), periods.bollingerUpperField(), periods.percentBField(), periods.macdField(),
                periods.macdSignalField(), periods.macdHistogramField(), periods.atrField()).stream()
                .map(InfluxQl::identifier).toList());
        String only = symbols.isEmpty() ? null : "(" + String.join(" OR ",
                symbols.stream().map(symbol -> "symbol = " + literal(symbol)).toList()) + ")";
        String newest = " GROUP BY symbol ORDER BY time DESC LIMIT 1";
        this.statements = List.of(
                "SELECT price FROM trades" + where(only) + newest,
                "SELECT open, high, low, close, volume, vwap, \"final\" FROM bars"
                        + where("\"interval\" = " + literal(barInterval), only) + newest,
                "SELECT " + indicatorFields + " FROM indicators"
                        + where("\"interval\" = " + literal(indicatorInterval), only) + newest,
                "SELECT count(score) FROM anomalies"
                        + where("time > now() - " + anomalyWindow.toMillis() + "ms", only) + " GROUP BY symbol",
                "SELECT score, kind, \"interval\" FROM anomalies" + where(only) + newest);
    }

    /** One row per symbol; throws {@link io.tickpipe.influx.InfluxQueryException} when InfluxDB cannot answer. */
    public List<SymbolView> read() {
        return views(influx.queryEach(statements));
    }

    /** The rows of the answers to the five statements, in their order. */
    List<SymbolView> views(List<List<InfluxSeries>> results) {
        Map<String, Map<String, Object>> trades = newestBySymbol(results.get(0));
        Map<String, Map<String, Object>> bars = newestBySymbol(results.get(1));
        Map<String, Map<String, Object>> indicators = newestBySymbol(results.get(2));
        Map<String, Map<String, Object>> counts = newestBySymbol(results.get(3));
        Map<String, Map<String, Object>> anomalies = newestBySymbol(results.get(4));

        Set<String> rows = new LinkedHashSet<>(symbols);
        if (rows.isEmpty()) {
            Set<String> found = new TreeSet<>();
            for (List<InfluxSeries> result : results) {
                for (InfluxSeries series : result) {
                    String symbol = series.tags().get("symbol");
                    // Each statement groups by symbol; a series without one belongs to no row.
                    if (symbol != null) {
                        found.add(symbol);
                    }
                }
            }
            rows = found;
        }
        List<SymbolView> views = new ArrayList<>(rows.size());
        for (String symbol : rows) {
            Map<String, Object> count = counts.get(symbol);
            views.add(new SymbolView(symbol,
                    number(trades.getOrDefault(symbol, Map.of()).get("price")),
                    bar(bars.get(symbol)),
                    indicators(indicators.getOrDefault(symbol, Map.of())),
                    count == null ? 0 : (long) orZero(count.get("count")),
                    anomaly(anomalies.get(symbol))));
        }
        return views;
    }

    private static Map<String, Map<String, Object>> newestBySymbol(List<InfluxSeries> result) {
        Map<String, Map<String, Object>> bySymbol = new HashMap<>();
        for (InfluxSeries series : result) {
            List<Map<String, Object>> rows = series.rows();
            String symbol = series.tags().get("symbol");
            if (symbol != null && !rows.isEmpty()) {
                bySymbol.put(symbol, rows.get(0));
            }
        }
        return bySymbol;
    }

    /** The bar of a row, or null (shown as missing) unless its time and prices are numbers. */
    private static SymbolView.Bar bar(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        Instant start = time(row);
        Double open = number(row.get("open"));
        Double high = number(row.get("high"));
        Double low = number(row.get("low"));
        Double close = number(row.get("close"));
        if (start == null || open == null || high == null || low == null || close == null) {
            return null;
        }
        return new SymbolView.Bar(start, open, high, low, close, orZero(row.get("volume")), orZero(row.get("vwap")),
                Boolean.TRUE.equals(row.get("final")));
    }

    private SymbolView.Indicators indicators(Map<String, Object> row) {
        return new SymbolView.Indicators(number(row.get("session_vwap")), number(row.get(periods.rsiField())),
                number(row.get(periods.bollingerLowerField())), number(row.get(periods.bollingerUpperField())),
                number(row.get(periods.percentBField())), number(row.get(periods.macdField())),
                number(row.get(periods.macdSignalField())), number(row.get(periods.macdHistogramField())),
                number(row.get(periods.atrField())));
    }

    private static SymbolView.Anomaly anomaly(Map<String, Object> row) {
        Instant barStart = row == null ? null : time(row);
        if (barStart == null) {
            return null;
        }
        return new SymbolView.Anomaly(String.valueOf(row.get("kind")), String.valueOf(row.get("interval")), barStart);
    }

    /** The row's time ({@code epoch=ns}), or null when it is not a number. */
    private static Instant time(Map<String, Object> row) {
        if (!(row.get("time") instanceof Number time)) {
            return null;
        }
        long nanos = time.longValue();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    // InfluxDB's JSON gives a whole float as an integer: every number goes through Number.
    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static double orZero(Object value) {
        Double number = number(value);
        return number == null ? 0 : number;
    }

    private static String where(String... conditions) {
        List<String> present = Arrays.stream(conditions).filter(Objects::nonNull).toList();
        return present.isEmpty() ? "" : " WHERE " + String.join(" AND ", present);
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
