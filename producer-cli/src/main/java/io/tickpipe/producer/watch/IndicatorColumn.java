package io.tickpipe.producer.watch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The indicator columns {@code tickpipe watch} can show ({@code --columns}), each one or more cells of
 * the newest final bar of the indicator interval. The names are what a user types.
 */
public enum IndicatorColumn {
    /** Session VWAP. */
    VWAP,
    /** RSI. */
    RSI,
    /** Bollinger Bands: lower and upper band and %B. */
    BB,
    /** MACD, its signal line and the histogram. */
    MACD,
    /** Average True Range. */
    ATR;

    /** What {@code tickpipe watch} shows without {@code --columns}. */
    public static final List<IndicatorColumn> DEFAULTS = List.of(VWAP, RSI);

    /** The name a user types, e.g. {@code bb}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The columns named, in the order given, each once; a clear error for a name that is not one. */
    public static List<IndicatorColumn> parse(List<String> names) {
        List<IndicatorColumn> columns = new ArrayList<>();
        for (String name : names) {
            IndicatorColumn column = Arrays.stream(values()).filter(c -> c.label().equals(name.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a column; the columns are "
                            + Arrays.stream(values()).map(IndicatorColumn::label).collect(Collectors.joining(", "))));
            if (columns.contains(column)) {
                throw new IllegalArgumentException("'" + name + "' is named twice");
            }
            columns.add(column);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no column named; the columns are "
                    + Arrays.stream(values()).map(IndicatorColumn::label).collect(Collectors.joining(", ")));
        }
        return List.copyOf(columns);
    }
}
