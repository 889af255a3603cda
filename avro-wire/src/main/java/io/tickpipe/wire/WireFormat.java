package io.tickpipe.wire;

/**
 * Confluent's framing of a Kafka key or value: byte 0 is the magic byte 0, bytes 1-4 the schema id
 * (big-endian), then the Avro binary encoding of the record with that schema.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Reads the schema id from the header, checking that there is one. */
    public static int schemaId(byte[] data, RecordPosition position) {
        if (data.length < HEADER_LENGTH) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED_HEADER,
                    data.length + " bytes, a Confluent-format record has at least " + HEADER_LENGTH, position, -1, null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.BAD_MAGIC_BYTE,
                    String.format("first byte is 0x%02x, expected 0x00: not written by a Confluent-format Avro serializer",
                            data[0] & 0xff), position, -1, null);
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    static void writeHeader(java.io.ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }
}
