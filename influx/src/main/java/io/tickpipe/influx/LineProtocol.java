package io.tickpipe.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Point} as the line protocol line {@code Point.toLineProtocol(noDefaultTags, NS)} gives,
 * character for character, without the cost of that method: the library formats every double with
 * a {@link NumberFormat} of 340 fraction digits, which made the conversion, not InfluxDB, the limit
 * of the raw points' write (docs/architecture.md, what is hand-written, says why no library does).
 *
 * <p>A double is written as {@link Double#toString(double)} writes it: the same shortest digits the
 * library's format prints, and the same text wherever that has no exponent (|x| in [10^-3, 10^7));
 * others, floats and big decimals go through a format set up as the library's. Escaping, the order
 * of tags and fields (the Point's sorted maps), what is left out (empty tags, null and non-finite
 * fields) and the nanosecond time follow the library's rules. Tested against the library's output.
 *
 * <p>The Point has no getter for its measurement: it is read from the Point's field, once per line.
 */
final class LineProtocol {
    private static final VarHandle MEASUREMENT = measurementField();
    /** For the rare values with an exponent in {@code Double.toString}: the library's settings. */
    private static final ThreadLocal<NumberFormat> PLAIN = ThreadLocal.withInitial(() -> {
        NumberFormat format = NumberFormat.getInstance(Locale.ENGLISH);
        format.setMaximumFractionDigits(340);
        format.setGroupingUsed(false);
        format.setMinimumFractionDigits(1);
        return format;
    });

    private LineProtocol() {
    }

    /**
     * The point's line with its time in nanoseconds; empty, as the library's, when no field has a
     * value to write (all null or not finite). The caller has checked that the point has a time.
     */
    static String line(Point point) {
        StringBuilder line = new StringBuilder(160);
        escape(line, (String) MEASUREMENT.get(point), false);
        for (Map.Entry<String, String> tag : point.getTags().entrySet()) {
            String value = tag.getValue();
            if (!tag.getKey().isEmpty() && value != null && !value.isEmpty()) {
                line.append(',');
                escape(line, tag.getKey(), true);
                line.append('=');
                escape(line, value, true);
            }
        }
        char separator = ' ';
        for (Map.Entry<String, Object> field : point.getFields().entrySet()) {
            Object value = field.getValue();
            if (value == null || value instanceof Double d && !Double.isFinite(d)
                    || value instanceof Float f && !Float.isFinite(f)) {
                continue;
            }
            line.append(separator);
            separator = ',';
            escape(line, field.getKey(), true);
            line.append('=');
            appendValue(line, value);
        }
        if (separator == ' ') {
            return "";
        }
        return line.append(' ').append(nanos(point)).toString();
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value instanceof Double d) {
            line.append(doubleText(d));
        } else if (value instanceof Float || value instanceof BigDecimal) {
            line.append(PLAIN.get().format(value));
        } else if (value instanceof Number) {
            line.append(value).append('i');
        } else if (value instanceof String s) {
            line.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            line.append(value); // Boolean: true, false
        }
    }

    /** A finite double's text, as the library writes it; {@link LineBatch} writes its doubles with it too. */
    static String doubleText(double value) {
        String text = Double.toString(value);
        return text.indexOf('E') < 0 ? text : PLAIN.get().format(value);
    }

    /** Measurement (no '=' escaped), tag keys and values, field keys; {@link LineBatch}'s names too. */
    static void escape(StringBuilder line, String text, boolean equalsSign) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case ' ', ',' -> line.append('\\').append(c);
                case '=' -> (equalsSign ? line.append('\\') : line).append(c);
                default -> line.append(c);
            }
        }
    }

    private static Object nanos(Point point) {
        Number time = point.getTime();
        if (point.getPrecision() == WritePrecision.NS) {
            return time instanceof BigDecimal big ? big.toBigInteger() : time instanceof BigInteger ? time : time.longValue();
        }
        long value = time instanceof BigDecimal big ? big.longValueExact()
                : time instanceof BigInteger big ? big.longValueExact() : time.longValue();
        return TimeUnit.NANOSECONDS.convert(value, unit(point.getPrecision()));
    }

    private static TimeUnit unit(WritePrecision precision) {
        return switch (precision) {
            case S -> TimeUnit.SECONDS;
            case MS -> TimeUnit.MILLISECONDS;
            case US -> TimeUnit.MICROSECONDS;
            case NS -> TimeUnit.NANOSECONDS;
        };
    }

    private static VarHandle measurementField() {
        try {
            return MethodHandles.privateLookupIn(Point.class, MethodHandles.lookup())
                    .findVarHandle(Point.class, "name", String.class);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new ExceptionInInitializerError("com.influxdb.client.write.Point has no readable String field 'name'"
                    + " any more (influxdb-client-java changed): LineProtocol needs the measurement: " + e);
        }
    }
}
