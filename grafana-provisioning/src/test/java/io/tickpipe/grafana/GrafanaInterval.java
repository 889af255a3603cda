package io.tickpipe.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $__interval} Grafana picks for a query: the time range divided by the panel's data
 * points, rounded to one of Grafana's steps (its {@code roundInterval} table), and never below the
 * minimum interval (the datasource's {@code timeInterval}, an alert query's {@code intervalMs}).
 */
public final class GrafanaInterval {

    // [upper bound (exclusive) of the raw interval, the interval used], in milliseconds.
    private static final long[][] STEPS = {
            {10, 1}, {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500},
            {1_500, 1_000}, {3_500, 2_000}, {7_500, 5_000}, {12_500, 10_000}, {17_500, 15_000},
            {25_000, 20_000}, {45_000, 30_000}, {90_000, 60_000}, {210_000, 120_000},
            {450_000, 300_000}, {750_000, 600_000}, {1_050_000, 900_000}, {1_500_000, 1_200_000},
            {2_700_000, 1_800_000}, {5_400_000, 3_600_000}, {9_000_000, 7_200_000},
            {16_200_000, 10_800_000}, {32_400_000, 21_600_000}, {86_400_000, 43_200_000},
            {604_800_000, 86_400_000}, {1_814_400_000, 604_800_000}, {3_628_800_000L, 2_592_000_000L},
    };
    private static final long YEAR_MS = 31_536_000_000L;
    private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final Map<String, Duration> UNITS = Map.of("ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1),
            "m", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1), "w", Duration.ofDays(7),
            "y", Duration.ofMillis(YEAR_MS));

    private GrafanaInterval() {
    }

    /** The interval for {@code maxDataPoints} points between {@code from} and {@code to}, at least {@code minimum}. */
    public static Duration of(Instant from, Instant to, int maxDataPoints, Duration minimum) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("time range " + from + " .. " + to + " is empty");
        }
        if (maxDataPoints <= 0) {
            throw new IllegalArgumentException("max data points must be positive, not " + maxDataPoints);
        }
        Duration rounded = Duration.ofMillis(round(Duration.between(from, to).toMillis() / (double) maxDataPoints));
        return rounded.compareTo(minimum) < 0 ? minimum : rounded;
    }

    static long round(double millis) {
        for (long[] step : STEPS) {
            if (millis < step[0]) {
                return step[1];
            }
        }
        return YEAR_MS;
    }

    /** As Grafana writes an interval into a query: the largest whole unit, {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1d}. */
    public static String format(Duration interval) {
        long ms = interval.toMillis();
        long[] units = {YEAR_MS, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"y", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                return ms / units[i] + names[i];
            }
        }
        return "1ms";
    }

    /** A Grafana interval text such as {@code 1s}, {@code 500ms} or {@code 2w} (a datasource's {@code timeInterval}). */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an interval such as 1s, 500ms or 5m");
        }
        return UNITS.get(m.group(2)).multipliedBy(Long.parseLong(m.group(1)));
    }
}
