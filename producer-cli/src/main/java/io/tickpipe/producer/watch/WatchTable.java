package io.tickpipe.producer.watch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats one frame of {@code tickpipe watch}: a header line with the wall time, column titles and a
 * row per symbol, or a one-line status when InfluxDB did not answer. Pure: rows in, text out.
 * Times are UTC, as the pipeline stores them.
 */
public final class WatchTable {
    /** Starts every frame's first line: on a terminal it tops the screen, in a log it separates frames. */
    public static final String HEADER_PREFIX = "=== ";
    static final String MISSING = "-";

    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String barInterval;
    private final String indicatorInterval;
    private final List<IndicatorColumn> columns;
    private final IndicatorPeriods periods;
    private final Duration anomalyWindow;

    /**
     * @param columns the indicator columns shown, in this order, between the bar's and the anomalies'
     * @param periods the job's indicator periods, named in the headers
     */
    public WatchTable(String barInterval, String indicatorInterval, List<IndicatorColumn> columns, IndicatorPeriods periods,
                      Duration anomalyWindow) {
        this.barInterval = barInterval;
        this.indicatorInterval = indicatorInterval;
        this.columns = List.copyOf(columns);
        this.periods = periods;
        this.anomalyWindow = anomalyWindow;
    }

    /** The frame for {@code rows} at wall time {@code now}. */
    public String render(Instant now, List<SymbolView> rows) {
        List<String[]> cells = new ArrayList<>();
        List<String> titles = new ArrayList<>(List.of("SYMBOL", "LAST", "BAR " + barInterval, "OPEN", "HIGH", "LOW", "CLOSE",
                "VOLUME", "BAR VWAP"));
        columns.forEach(column -> titles.addAll(titles(column)));
        titles.addAll(List.of("ANOMALIES " + shortDuration(anomalyWindow), "LATEST ANOMALY"));
        cells.add(titles.toArray(String[]::new));
        for (SymbolView row : rows) {
            SymbolView.Bar bar = row.bar();
            List<String> line = new ArrayList<>(List.of(
                row.symbol(),
                price(row.last()),
                bar == null ? MISSING : CLOCK.format(bar.start()) + (bar.closed() ? "" : "*"),
                bar == null ? MISSING : price(bar.open()),
                bar == null ? MISSING : price(bar.high()),
                bar == null ? MISSING : price(bar.low()),
                bar == null ? MISSING : price(bar.close()),
                bar == null ? MISSING : quantity(bar.volume()),
                bar == null ? MISSING : price(bar.vwap())));
            columns.forEach(column -> line.addAll(values(column, row.indicators())));
            line.add(Long.toString(row.recentAnomalies()));
            line.add(anomaly(row.latestAnomaly()));
            cells.add(line.toArray(String[]::new));
        }
        StringBuilder frame = new StringBuilder(header(now)).append('\n');
        appendAligned(frame, cells);
        if (rows.isEmpty()) {
            frame.append("(no symbols with data yet)\n");
        }
        frame.append("* live bar, not final yet.");
        List<String> warmUps = columns.stream().map(this::warmUp).filter(text -> !text.isEmpty()).toList();
        if (!warmUps.isEmpty()) {
            frame.append(' ').append(String.join("; ", warmUps)).append(" (--indicator-interval).");
        }
        return frame.append('\n').toString();
    }

    private List<String> titles(IndicatorColumn column) {
        return switch (column) {
            case VWAP -> List.of("SESSION VWAP");
            case RSI -> List.of("RSI(" + periods.rsi() + ") " + indicatorInterval);
            case BB -> List.of("BB(" + periods.bollinger() + ") LOWER", "BB UPPER", "%B");
            case MACD -> List.of("MACD(" + periods.macdFast() + "," + periods.macdSlow() + ")",
                    "SIGNAL(" + periods.macdSignal() + ")", "HISTOGRAM");
            case ATR -> List.of("ATR(" + periods.atr() + ")");
        };
    }

    private static List<String> values(IndicatorColumn column, SymbolView.Indicators i) {
        return switch (column) {
            case VWAP -> List.of(price(i.sessionVwap()));
            case RSI -> List.of(fixed(i.rsi(), 1));
            case BB -> List.of(price(i.bollingerLower()), price(i.bollingerUpper()), fixed(i.percentB(), 2));
            case MACD -> List.of(price(i.macd()), price(i.macdSignal()), price(i.macdHistogram()));
            case ATR -> List.of(price(i.atr()));
        };
    }

    /** How many final bars a column's indicator needs before it has a value; empty for session VWAP. */
    private String warmUp(IndicatorColumn column) {
        String bars = " final " + indicatorInterval + " bars";
        return switch (column) {
            case VWAP -> "";
            case RSI -> "RSI(" + periods.rsi() + ") needs " + (periods.rsi() + 1) + bars;
            case BB -> "BB(" + periods.bollinger() + ") needs " + periods.bollinger() + bars;
            case MACD -> "MACD(" + periods.macdFast() + "," + periods.macdSlow() + "," + periods.macdSignal() + ") needs "
                    + periods.macdSlow() + bars + ", its signal " + (periods.macdSlow() + periods.macdSignal() - 1);
            case ATR -> "ATR(" + periods.atr() + ") needs " + periods.atr() + bars;
        };
    }

    /** The frame when InfluxDB could not be read: one line saying why, retried at the next refresh. */
    public String status(Instant now, String problem) {
        return header(now) + "\nInfluxDB not readable, retrying each refresh: " + problem + "\n";
    }

    private String header(Instant now) {
        return HEADER_PREFIX + WALL.format(now) + "  tickpipe watch ===";
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                // Symbols and texts read left to right, numbers line up on the right.
                boolean left = i == 0 || i == row.length - 1;
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(left ? row[i] + pad : pad + row[i]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String anomaly(SymbolView.Anomaly anomaly) {
        return anomaly == null ? MISSING
                : anomaly.kind() + " " + anomaly.interval() + " " + CLOCK.format(anomaly.barStart());
    }

    private static String fixed(Double value, int decimals) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Two decimals for ordinary prices, more below 1 where two would hide the movement (crypto, FX). */
    static String price(Double value) {
        if (value == null) {
            return MISSING;
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.2f" : "%.6f", value);
    }

    /** Whole sizes without decimals, fractional ones (crypto) with up to four. */
    static String quantity(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
    }

    private static String shortDuration(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
