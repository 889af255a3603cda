package io.tickpipe.influx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of line protocol written straight into UTF-8 bytes, for {@link InfluxPointWriter#writeLines}:
 * for rows that are many and all alike (the raw trades and quotes), where building a {@code Point}
 * per row, a map of boxed fields, then a String per line would cost more than InfluxDB's own work.
 *
 * <p>A line is {@link #measurement}, {@link #tag}s, {@link #field}s, {@link #end}. The text is what
 * {@link LineProtocol} writes for a Point with the same values, byte for byte: the same escaping, the
 * same numbers ({@link LineProtocol#doubleText}), and what it leaves out (an empty or null tag value,
 * a null or non-finite field). Only the order is the caller's: a Point keeps tags and fields sorted by
 * key, so a caller that wants the Point's bytes adds them in that order. Text comes as UTF-8 bytes
 * (Spark holds strings so); bytes that are not well-formed UTF-8 are written as Java decodes them,
 * with U+FFFD, as a String made of them would be.
 *
 * <p>Not thread-safe; {@link #clear} makes it ready for the next batch, keeping its memory.
 */
public final class LineBatch {
    private byte[] bytes;
    private int size;
    /** Where each complete line ends (exclusive, before its '\n'). */
    private int[] lineEnds = new int[64];
    private int lines;
    private int lineStart;
    private boolean inLine;
    private boolean hasField;
    private static final int DOUBLE_CACHE_BITS = 11;
    private final long[] doubleBits = new long[1 << DOUBLE_CACHE_BITS];
    private final byte[][] doubleTexts = new byte[1 << DOUBLE_CACHE_BITS][];

    public LineBatch() {
        this(16 * 1024);
    }

    public LineBatch(int initialBytes) {
        this.bytes = new byte[Math.max(initialBytes, 64)];
    }

    /**
     * A measurement name or a tag or field key, escaped once, for a caller to keep in a constant:
     * names repeat on every line.
     */
    public static final class Name {
        private final byte[] escaped;
        private final String text;

        private Name(String text, boolean equalsSign) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a measurement, tag key or field key cannot be empty");
            }
            this.text = text;
            StringBuilder out = new StringBuilder();
            LineProtocol.escape(out, text, equalsSign);
            this.escaped = out.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static Name measurementName(String name) {
        return new Name(name, false);
    }

    public static Name key(String key) {
        return new Name(key, true);
    }

    /** Starts a line. */
    public LineBatch measurement(Name measurement) {
        if (inLine) {
            throw new IllegalStateException("line " + (lines + 1) + " has no end(time) yet");
        }
        inLine = true;
        hasField = false;
        if (lines > 0) {
            put((byte) '\n');
        }
        lineStart = size;
        put(measurement.escaped);
        return this;
    }

    /** A tag; left out, as the Point's, when the value is null or empty. Before any field. */
    public LineBatch tag(Name key, byte[] utf8Value) {
        return utf8Value == null ? this : tag(key, utf8Value, 0, utf8Value.length);
    }

    /** A tag whose value is {@code length} bytes of {@code utf8} from {@code offset}; as {@link #tag(Name, byte[])}. */
    public LineBatch tag(Name key, byte[] utf8, int offset, int length) {
        if (hasField) {
            throw new IllegalStateException("tag " + key + " after a field: tags come first");
        }
        if (length > 0) {
            put((byte) ',');
            put(key.escaped);
            put((byte) '=');
            byte[] value = utf8;
            int from = offset;
            int to = offset + length;
            if (!ascii(utf8, from, to)) {
                value = wellFormed(utf8, from, to);
                from = 0;
                to = value.length;
            }
            ensure(2 * (to - from));
            for (int i = from; i < to; i++) {
                byte b = value[i];
                switch (b) {
                    case '\n' -> putEscaped((byte) 'n');
                    case '\r' -> putEscaped((byte) 'r');
                    case '\t' -> putEscaped((byte) 't');
                    case ' ', ',', '=' -> putEscaped(b);
                    default -> bytes[size++] = b;
                }
            }
        }
        return this;
    }

    /** A float field; left out, as the Point's, when not finite. */
    public LineBatch field(Name key, double value) {
        if (Double.isFinite(value)) {
            fieldKey(key);
            put(doubleText(value));
        }
        return this;
    }

    /**
     * {@link LineProtocol#doubleText} as bytes, from a small cache of the texts made last: market
     * data repeats its values (sizes, spreads, prices near the last ones), and making a double's
     * text is the dearest step of a line. Keyed by the exact bits, so the text is always the one
     * {@code doubleText} gives (0.0 and -0.0 apart).
     */
    private byte[] doubleText(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int slot = (int) (((bits ^ (bits >>> 29)) * 0x9E3779B97F4A7C15L) >>> (64 - DOUBLE_CACHE_BITS));
        byte[] text = doubleTexts[slot];
        if (text != null && doubleBits[slot] == bits) {
            return text;
        }
        text = LineProtocol.doubleText(value).getBytes(StandardCharsets.US_ASCII); // digits, '.', '-'
        doubleTexts[slot] = text;
        doubleBits[slot] = bits;
        return text;
    }

    /** An integer field ({@code 42i}). */
    public LineBatch field(Name key, long value) {
        fieldKey(key);
        putLong(value);
        put((byte) 'i');
        return this;
    }

    /** A string field; left out, as the Point's, when null. */
    public LineBatch field(Name key, byte[] utf8Value) {
        return utf8Value == null ? this : field(key, utf8Value, 0, utf8Value.length);
    }

    /** A string field of {@code length} bytes of {@code utf8} from {@code offset}. */
    public LineBatch field(Name key, byte[] utf8, int offset, int length) {
        fieldKey(key);
        byte[] value = utf8;
        int from = offset;
        int to = offset + length;
        if (!ascii(utf8, from, to)) {
            value = wellFormed(utf8, from, to);
            from = 0;
            to = value.length;
        }
        ensure(2 * (to - from) + 2);
        bytes[size++] = '"';
        for (int i = from; i < to; i++) {
            byte b = value[i];
            if (b == '"' || b == '\\') {
                bytes[size++] = '\\';
            }
            bytes[size++] = b;
        }
        bytes[size++] = '"';
        return this;
    }

    /**
     * Ends the line with its time in nanoseconds.
     *
     * @throws IllegalArgumentException the line has no field (InfluxDB cannot store it); the line is
     *     left out and the batch can go on
     */
    public LineBatch end(long nanos) {
        if (!inLine) {
            throw new IllegalStateException("end(time) without measurement(...)");
        }
        inLine = false;
        if (!hasField) {
            String partial = new String(bytes, lineStart, size - lineStart, StandardCharsets.UTF_8);
            size = lines > 0 ? lineStart - 1 : lineStart;
            throw new IllegalArgumentException("line without fields (InfluxDB cannot store it): " + partial + " " + nanos);
        }
        put((byte) ' ');
        putLong(nanos);
        if (lines == lineEnds.length) {
            lineEnds = Arrays.copyOf(lineEnds, 2 * lines);
        }
        lineEnds[lines++] = size;
        return this;
    }

    /** Complete lines so far. */
    public int lines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines == 0;
    }

    /** Forgets every line, keeping the memory for the next batch. */
    public void clear() {
        size = 0;
        lines = 0;
        inLine = false;
    }

    /** The bytes of the lines, valid up to the {@link #lineEnd} of the last line; a writer posts slices of it. */
    byte[] array() {
        return bytes;
    }

    /** Offset in {@link #array} of line {@code line}'s first byte. */
    int lineStart(int line) {
        return line == 0 ? 0 : lineEnds[line - 1] + 1;
    }

    /** Offset in {@link #array} just after line {@code line}'s last byte. */
    int lineEnd(int line) {
        return lineEnds[line];
    }

    /** The complete lines as text, '\n' between them, for messages and tests. */
    @Override
    public String toString() {
        return lines == 0 ? "" : new String(bytes, 0, lineEnds[lines - 1], StandardCharsets.UTF_8);
    }

    private void fieldKey(Name key) {
        put((byte) (hasField ? ',' : ' '));
        hasField = true;
        put(key.escaped);
        put((byte) '=');
    }

    private void putLong(long value) {
        if (value == Long.MIN_VALUE) {
            put("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

    private void putEscaped(byte b) {
        bytes[size++] = '\\';
        bytes[size++] = b;
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void put(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }

    /**
     * Bytes that are not all ASCII as a String made of them would encode: decoded and encoded again
     * (a malformed sequence becomes U+FFFD, as in the Point's String).
     */
    private static byte[] wellFormed(byte[] utf8, int from, int to) {
        return new String(utf8, from, to - from, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean ascii(byte[] utf8, int from, int to) {
        for (int i = from; i < to; i++) {
            if (utf8[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
