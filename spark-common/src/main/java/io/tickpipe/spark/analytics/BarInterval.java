package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar length such as {@code 1s}, {@code 1m}, {@code 5m}, {@code 1h} or {@code 1d}; its label is the
 * text it was parsed from.
 *
 * <p>Bars are aligned to the Unix epoch (UTC), as Spark's {@code window()} aligns them, so {@code 1d}
 * bars run from UTC midnight to UTC midnight. Lengths are whole seconds: Spark's event-time timeouts
 * are milliseconds, and a bar end on a whole second is always one of them.
 */
public final class BarInterval implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,8})([smhd])");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String label;
    private final long micros;

    private BarInterval(String label, long micros) {
        this.label = label;
        this.micros = micros;
    }

    /** Parses {@code <count><unit>} with unit {@code s}, {@code m}, {@code h} or {@code d}. */
    public static BarInterval parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bar interval '" + text
                    + "' is not <count><unit> with unit s, m, h or d (for example 1s, 1m, 5m, 1h, 1d)");
        }
        long count = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> count;
            case "m" -> count * 60;
            case "h" -> count * 3_600;
            default -> count * 86_400;
        };
        return new BarInterval(m.group(), seconds * MICROS_PER_SECOND);
    }

    /** The text this interval was parsed from, e.g. {@code "1m"}; the {@code interval} column. */
    public String label() {
        return label;
    }

    /** Length in microseconds. */
    public long micros() {
        return micros;
    }

    /** Start (epoch micros) of the bar holding the instant {@code epochMicros}. */
    public long startOf(long epochMicros) {
        return Math.floorDiv(epochMicros, micros) * micros;
    }

    /** End (exclusive, epoch micros) of the bar that starts at {@code barStartMicros}. */
    public long endOf(long barStartMicros) {
        return barStartMicros + micros;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarInterval other && other.micros == micros && other.label.equals(label);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return label;
    }
}
