package io.tickpipe.spark.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.wire.WireFormatException.Reason;
import io.tickpipe.wire.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checking decoder ({@link CatalystRecordDecoder#checking}) against the decoding one, over
 * seeded random Trade values: for any bytes, the check fails if and only if the decode fails, with
 * the same schema id, reason and message. The values are Trades of every writer version the reader
 * meets (v1 and v2 as released, a later one with a field the reader ignores, one whose fields the
 * reader promotes), written here byte by byte, then often broken: lengths that are negative, one
 * off, huge or past avro-wire's caps, array blocks with a wrong byte count, over-long varints, cut
 * short, bytes added or flipped, another magic byte, an unknown or incompatible schema id, a null.
 * Array blocks are also written with negative counts (valid Avro), where skipping and reading them
 * take different paths.
 *
 * <p>The registry is a stand-in that serves fixed schemas by id, as avro-wire's decoder fuzz target
 * does: the decoders are compared on tens of thousands of values, and the registry's answers are
 * the same for both whatever serves them (the decoders' use of the real registry is covered by
 * {@link UndecodableRecordsIT} and {@link DeadLettersIT}).
 */
class CheckingDecoderTest {
    private static final StructType TRADE_TYPE = (StructType) SchemaConverters.toSqlType(Trade.getClassSchema()).dataType();

    private static final int CURRENT = 1;
    private static final int V1 = 2;
    private static final int V3 = 3;
    private static final int PROMOTED = 4;
    private static final int QUOTE = 5;
    private static final int OTHER = 6;
    private static final Map<Integer, Schema> WRITERS = Map.of(
            CURRENT, Trade.getClassSchema(),
            V1, MarketSamples.TRADE_V1,
            V3, MarketSamples.TRADE_V3,
            // size as float and sequence as int: the reader promotes them to double and long.
            PROMOTED, new Schema.Parser().parse(MarketSamples.TRADE_V1.toString()
                    .replace("{\"name\":\"size\",\"type\":\"double\"", "{\"name\":\"size\",\"type\":\"float\"")
                    .replace("{\"name\":\"sequence\",\"type\":\"long\"", "{\"name\":\"sequence\",\"type\":\"int\"")),
            QUOTE, Quote.getClassSchema(),
            OTHER, MarketSamples.OTHER);
    private static final int[] WRITER_IDS = {CURRENT, V1, V3, PROMOTED, QUOTE, OTHER};
    private static final int ITERATIONS = 40_000;
    private static final UTF8String TOPIC = UTF8String.fromString("market.trades");
    private static final String[] TEXT = {"", "a", "AAPL", "XNAS", "é", "日本", "\uD83D\uDCC8", "T-123456789", "@"};

    @Test
    void theStandInServesSchemasTheReaderCanAndCannotRead() {
        // Guards the generator: the promoted writer must differ from v1 and still be readable.
        assertThat(WRITERS.get(PROMOTED).getField("size").schema().getType()).isEqualTo(Schema.Type.FLOAT);
        assertThat(WRITERS.get(PROMOTED).getField("sequence").schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(WRITERS.get(V3).getFields()).hasSize(Trade.getClassSchema().getFields().size() + 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 20261204L, 0x5eedL})
    void checkingFailsExactlyWhenDecodingFailsWithTheSameReasonAndMessage(long seed) {
        Random random = new Random(seed);
        CatalystRecordDecoder decoding = CatalystRecordDecoder.decoding(CheckingDecoderTest::schemaById,
                Trade.getClassSchema(), TRADE_TYPE);
        CatalystRecordDecoder checking = CatalystRecordDecoder.checking(CheckingDecoderTest::schemaById,
                Trade.getClassSchema());
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        Map<Integer, Integer> decodedByWriter = new HashMap<>();
        int decodedBroken = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            int writerId = WRITER_IDS[random.nextInt(WRITER_IDS.length)];
            Sample sample = sample(random, writerId);
            int partition = random.nextInt(12);
            Verdict decoded = verdict(decoding, sample.bytes, partition, i);
            Verdict checked = verdict(checking, sample.bytes, partition, i);
            int index = i;
            Supplier<String> what = () -> "seed " + seed + ", value " + index + " (" + sample.how + "): " + hex(sample.bytes);

            assertThat(checked.judgement()).as(what).isEqualTo(decoded.judgement());
            if (decoded.reason == null) {
                assertThat(decoded.hadRecord).as(() -> "decoded record of " + what.get()).isTrue();
                assertThat(checked.hadRecord).as(() -> "checked record of " + what.get()).isFalse();
                decodedByWriter.merge(writerId, 1, Integer::sum);
                decodedBroken += sample.how.equals("intact") ? 0 : 1;
            } else {
                reasons.merge(Reason.valueOf(decoded.reason), 1, Integer::sum);
                assertThat(decoded.message).as(what).startsWith("record market.trades-" + partition + "@" + i);
            }
            if (sample.expected != null) {
                // Breakages whose outcome is known without a decoder: the generator broke what it meant to.
                assertThat(decoded.reason).as(what).isEqualTo(sample.expected == Expected.DECODES ? null : sample.expected.reason.name());
            }
        }
        // The generator reached every verdict a decode can give, for every readable writer version.
        assertThat(reasons.keySet()).as("reasons met").containsExactlyInAnyOrder(Reason.TRUNCATED_HEADER, Reason.BAD_MAGIC_BYTE,
                Reason.UNKNOWN_SCHEMA_ID, Reason.TRUNCATED_PAYLOAD, Reason.MALFORMED_PAYLOAD, Reason.INCOMPATIBLE_WRITER_SCHEMA);
        assertThat(decodedByWriter.keySet()).as("writers decoded").containsExactlyInAnyOrder(CURRENT, V1, V3, PROMOTED);
        assertThat(decodedBroken).as("broken values that still decode (flips in a value's bytes)").isPositive();
    }

    @Test
    void aStringLengthAvroWouldSkipButNotReadIsJudgedAsTheDecodeJudgesIt() {
        CatalystRecordDecoder decoding = CatalystRecordDecoder.decoding(CheckingDecoderTest::schemaById,
                Trade.getClassSchema(), TRADE_TYPE);
        CatalystRecordDecoder checking = CatalystRecordDecoder.checking(CheckingDecoderTest::schemaById,
                Trade.getClassSchema());
        // A symbol of length -1 then one byte: a skip would step back a byte; a read refuses the length.
        Bytes negative = new Bytes(CURRENT);
        negative.varint(-1);
        negative.raw(0x41);
        Verdict decoded = verdict(decoding, negative.toByteArray(), 3, 7);
        assertThat(verdict(checking, negative.toByteArray(), 3, 7).judgement()).isEqualTo(decoded.judgement());
        assertThat(decoded.reason).isEqualTo("MALFORMED_PAYLOAD");
        assertThat(decoded.message).startsWith("record market.trades-3@7 schema id " + CURRENT + ": MALFORMED_PAYLOAD: ")
                .contains("negative");
    }

    /** The stand-in registry: the writers above; for any other id, the client's 404. */
    private static Schema schemaById(int id) {
        Schema schema = WRITERS.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema registry GET /schemas/ids/" + id
                    + " answered HTTP 404 (error 40403): Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    /** What a decoder made of one value ({@code reason} null when it decoded), and whether its outcome holds a record. */
    private record Verdict(Integer schemaId, String reason, String message, boolean hadRecord) {
        /** The verdict alone, without the record the two decoders differ in by design. */
        List<Object> judgement() {
            return Arrays.asList(schemaId, reason, message);
        }
    }

    private static Verdict verdict(CatalystRecordDecoder decoder, byte[] value, int partition, long offset) {
        InternalRow row = decoder.decode(value);
        if (row == null) {
            row = decoder.failure(TOPIC, partition, offset);
        }
        return new Verdict(row.isNullAt(0) ? null : row.getInt(0), row.isNullAt(2) ? null : row.getUTF8String(2).toString(),
                row.isNullAt(3) ? null : row.getUTF8String(3).toString(), !row.isNullAt(1));
    }

    /** Outcomes a breakage has whatever the bytes around it. */
    private enum Expected {
        DECODES(null), TRUNCATED_HEADER(Reason.TRUNCATED_HEADER), BAD_MAGIC_BYTE(Reason.BAD_MAGIC_BYTE),
        UNKNOWN_SCHEMA_ID(Reason.UNKNOWN_SCHEMA_ID), INCOMPATIBLE(Reason.INCOMPATIBLE_WRITER_SCHEMA),
        TRUNCATED_PAYLOAD(Reason.TRUNCATED_PAYLOAD), LEFT_OVER(Reason.MALFORMED_PAYLOAD);

        final Reason reason;

        Expected(Reason reason) {
            this.reason = reason;
        }
    }

    /** A value, how it was made, and its outcome where that is known without decoding. */
    private record Sample(byte[] bytes, String how, Expected expected) {
    }

    private static Sample sample(Random random, int writerId) {
        Schema writer = WRITERS.get(writerId);
        boolean readable = writerId != QUOTE && writerId != OTHER;
        if (random.nextInt(200) == 0) {
            return new Sample(null, "null value", Expected.TRUNCATED_HEADER);
        }
        Bytes out = new Bytes(writerId);
        // One value in three gets one of its lengths or varints broken as it is written.
        int breakAt = random.nextInt(3) == 0 ? random.nextInt(slots(writer)) : -1;
        Breakage breakage = new Breakage(breakAt);
        write(writer, out, random, breakage);
        byte[] bytes = out.toByteArray();
        String how = breakage.how != null ? breakage.how : "intact";
        boolean intact = breakage.how == null;
        // The writer schema is judged before the body: an incompatible one whatever the body holds.
        Expected expected = !readable ? Expected.INCOMPATIBLE : intact ? Expected.DECODES : null;
        if (readable && intact && random.nextInt(50) == 0) {
            // Garbage after a valid header.
            bytes = Arrays.copyOf(bytes, 5 + random.nextInt(40));
            for (int b = 5; b < bytes.length; b++) {
                bytes[b] = (byte) random.nextInt(256);
            }
            return new Sample(bytes, "random body", null);
        }
        switch (random.nextInt(8)) {
            case 0 -> {
                int length = random.nextInt(bytes.length);
                return new Sample(Arrays.copyOf(bytes, length), how + ", cut to " + length, length < 5 ? Expected.TRUNCATED_HEADER
                        : expected == Expected.DECODES ? Expected.TRUNCATED_PAYLOAD : expected);
            }
            case 1 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(3));
                for (int b = bytes.length; b < longer.length; b++) {
                    longer[b] = (byte) random.nextInt(256);
                }
                return new Sample(longer, how + ", " + (longer.length - bytes.length) + " bytes added",
                        expected == Expected.DECODES ? Expected.LEFT_OVER : expected);
            }
            case 2 -> {
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    // Past the header: the header's own breakages come below.
                    int at = 5 + random.nextInt(bytes.length - 5);
                    bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                }
                return new Sample(bytes, how + ", " + flips + " bits flipped", expected == Expected.INCOMPATIBLE ? expected : null);
            }
            case 3 -> {
                bytes[0] = (byte) (1 + random.nextInt(255));
                return new Sample(bytes, how + ", magic byte " + bytes[0], Expected.BAD_MAGIC_BYTE);
            }
            case 4 -> {
                int id = 1000 + random.nextInt(Integer.MAX_VALUE - 1000);
                bytes[1] = (byte) (id >>> 24);
                bytes[2] = (byte) (id >>> 16);
                bytes[3] = (byte) (id >>> 8);
                bytes[4] = (byte) id;
                return new Sample(bytes, how + ", schema id " + id, Expected.UNKNOWN_SCHEMA_ID);
            }
            default -> {
                return new Sample(bytes, how, expected);
            }
        }
    }

    /** Where a value gets broken as it is written: at its {@code slot}-th length or long, counted in writing order. */
    private static final class Breakage {
        final int slot;
        int seen;
        String how;

        Breakage(int slot) {
            this.slot = slot;
        }

        boolean here() {
            return seen++ == slot;
        }
    }

    /** The lengths and longs a value of {@code schema} has at least (arrays counted with their block header only). */
    private static int slots(Schema schema) {
        int slots = 0;
        for (Field field : schema.getFields()) {
            switch (field.schema().getType()) {
                case STRING, LONG, INT, ARRAY -> slots++;
                default -> {
                }
            }
        }
        return slots;
    }

    private static void write(Schema schema, Bytes out, Random random, Breakage breakage) {
        switch (schema.getType()) {
            case RECORD -> {
                for (Field field : schema.getFields()) {
                    write(field.schema(), out, random, breakage);
                }
            }
            case STRING -> {
                byte[] text = TEXT[random.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8);
                if (breakage.here()) {
                    long length = switch (random.nextInt(6)) {
                        case 0 -> -1 - random.nextInt(100);
                        case 1 -> text.length + 1;
                        case 2 -> text.length == 0 ? 1 : text.length - 1;
                        case 3 -> 17L * 1024 * 1024; // past avro-wire's cap, and past any Kafka value
                        case 4 -> Integer.MAX_VALUE + 1L;
                        default -> Long.MIN_VALUE;
                    };
                    breakage.how = "string length " + length + " for " + text.length + " bytes";
                    out.varint(length);
                } else {
                    out.varint(text.length);
                }
                out.raw(text);
            }
            case DOUBLE -> out.fixed(Double.doubleToRawLongBits(anyDouble(random)), 8);
            case FLOAT -> out.fixed(Float.floatToRawIntBits((float) anyDouble(random)), 4);
            case LONG, INT -> {
                long value = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(1000);
                    case 1 -> schema.getType() == Schema.Type.INT ? random.nextInt() : random.nextLong();
                    case 2 -> schema.getType() == Schema.Type.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
                    default -> schema.getType() == Schema.Type.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
                };
                if (breakage.here()) {
                    // Continuation bits past the 10 (or 5) bytes a varint may have.
                    breakage.how = "over-long varint";
                    for (int b = 0; b < 11; b++) {
                        out.raw(0xff);
                    }
                    out.raw(0x01);
                } else {
                    out.varint(value);
                }
            }
            case ARRAY -> writeArray(schema.getElementType(), out, random, breakage);
            default -> throw new IllegalArgumentException("no generator for " + schema);
        }
    }

    /**
     * An array in 0-2 blocks, each with a positive count, or a negative one followed by the block's
     * byte count (both valid Avro), then the 0 that ends it; when broken, a block count that is
     * huge or negative with a wrong byte count.
     */
    private static void writeArray(Schema items, Bytes out, Random random, Breakage breakage) {
        boolean broken = breakage.here();
        int blocks = random.nextInt(3);
        for (int b = 0; b < blocks || (broken && b == 0); b++) {
            int count = 1 + random.nextInt(3);
            Bytes block = new Bytes(-1);
            for (int i = 0; i < count; i++) {
                write(items, block, random, new Breakage(-1));
            }
            byte[] body = block.toByteArray();
            if (broken && b == 0) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        breakage.how = "array block of -" + count + " items claiming " + (body.length + 3) + " bytes";
                        out.varint(-count);
                        out.varint(body.length + 3);
                    }
                    case 1 -> {
                        breakage.how = "array block of -" + count + " items claiming " + Math.max(0, body.length - 1) + " bytes";
                        out.varint(-count);
                        out.varint(Math.max(0, body.length - 1));
                    }
                    default -> {
                        breakage.how = "array block of 2,000,000 items"; // past avro-wire's cap on items
                        out.varint(2_000_000);
                    }
                }
            } else if (random.nextBoolean()) {
                out.varint(-count);
                out.varint(body.length);
            } else {
                out.varint(count);
            }
            out.raw(body);
        }
        out.varint(0);
    }

    private static double anyDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> Double.NEGATIVE_INFINITY;
            case 2 -> -0.0;
            default -> random.nextGaussian() * 1000;
        };
    }

    /** Avro's binary encoding written by hand (zig-zag varints, little-endian fixed), so lengths can lie. */
    private static final class Bytes extends ByteArrayOutputStream {
        /** Starts with the Confluent header for {@code schemaId}, or none when it is negative. */
        Bytes(int schemaId) {
            if (schemaId >= 0) {
                write(0);
                write(schemaId >>> 24);
                write(schemaId >>> 16);
                write(schemaId >>> 8);
                write(schemaId);
            }
        }

        void varint(long value) {
            long zigzag = (value << 1) ^ (value >> 63);
            while ((zigzag & ~0x7fL) != 0) {
                write((int) ((zigzag & 0x7f) | 0x80));
                zigzag >>>= 7;
            }
            write((int) zigzag);
        }

        void fixed(long bits, int bytes) {
            for (int b = 0; b < bytes; b++) {
                write((int) (bits >>> (8 * b)));
            }
        }

        void raw(int b) {
            write(b);
        }

        void raw(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }
    }

    private static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }
}
