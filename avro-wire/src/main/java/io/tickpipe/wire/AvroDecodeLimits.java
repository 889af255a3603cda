package io.tickpipe.wire;

/**
 * Caps on what one Avro value may claim to hold. Avro allocates a string, bytes or collection of
 * the length a record's bytes announce before reading it, so five garbage bytes announcing 1.5 GB
 * end the JVM with an OutOfMemoryError. With these caps Avro refuses such a length at once, and the
 * decoder files the record as {@link WireFormatException.Reason#MALFORMED_PAYLOAD}.
 *
 * <p>Avro reads its {@code org.apache.avro.limits.*} system properties once, when its decoding
 * classes load, so they are set here, before the first decode, and only where the user has not set
 * them. Kafka's records are at most 1 MB by default: real values stay far below the caps.
 */
final class AvroDecodeLimits {
    static final String STRING_MAX = "org.apache.avro.limits.string.maxLength";
    static final String BYTES_MAX = "org.apache.avro.limits.bytes.maxLength";
    static final String ITEMS_MAX = "org.apache.avro.limits.collectionItems.maxLength";
    static final long DEFAULT_MAX_LENGTH = 16L * 1024 * 1024;
    static final long DEFAULT_MAX_ITEMS = 1_000_000;

    private AvroDecodeLimits() {
    }

    static void applyDefaults() {
        setIfAbsent(STRING_MAX, DEFAULT_MAX_LENGTH);
        setIfAbsent(BYTES_MAX, DEFAULT_MAX_LENGTH);
        setIfAbsent(ITEMS_MAX, DEFAULT_MAX_ITEMS);
    }

    private static void setIfAbsent(String key, long value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, Long.toString(value));
        }
    }
}
