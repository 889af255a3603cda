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
    private final int rsiPeriod;
    private final Duration anomalyWindow;

    public WatchTable(String barInterval, String indicatorInterval, int rsiPeriod, Duration anomalyWindow) {
        this.barInterval = barInterval;
        this.indicatorInterval = indicatorInterval;
        this.rsiPeriod = rsiPeriod;
        this.anomalyWindow = anomalyWindow;
    }

    /** The frame for {@code rows} at wall time {@code now}. */
    public String render(Instant now, List<SymbolView> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"SYMBOL", "LAST", "BAR " + barInterval, "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME",
                "BAR VWAP", "SESSION VWAP", "RSI(" + rsiPeriod + ") " + indicatorInterval,
                "ANOMALIES " + shortDuration(anomalyWindow), "LATEST ANOMALY"});
        for (SymbolView row : rows) {
            SymbolView.Bar bar = row.bar();
            cells.add(new String[] {
                row.symbol(),
                price(row.last()),
                bar == null ? MISSING : CLOCK.format(bar.start()) + (bar.closed() ? "" : "*"),
                bar == null ? MISSING : price(bar.open()),
                bar == null ? MISSING : price(bar.high()),
                bar == null ? MISSING : price(bar.low()),
                bar == null ? MISSING : price(bar.close()),
                bar == null ? MISSING : quantity(bar.volume()),
                bar == null ? MISSING : price(bar.vwap()),
                price(row.sessionVwap()),
                row.rsi() == null ? MISSING : String.format(Locale.ROOT, "%.1f", row.rsi()),
                Long.toString(row.recentAnomalies()),
                anomaly(row.latestAnomaly())});
        }
        StringBuilder frame = new StringBuilder(header(now)).append('\n');
        appendAligned(frame, cells);
        if (rows.isEmpty()) {
            frame.append("(no symbols with data yet)\n");
        }
        frame.append("* live bar, not final yet. RSI(").append(rsiPeriod).append(") needs ").append(rsiPeriod + 1)
                .append(" final ").append(indicatorInterval).append(" bars (--indicator-interval).\n");
        return frame.toString();
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
