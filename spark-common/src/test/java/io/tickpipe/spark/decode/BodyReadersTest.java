package io.tickpipe.spark.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyReaders} against Avro's plain resolving reader (the way {@code from_avro} reads), as the
 * independent computation: the same values for every field, only strings as {@code Utf8}.
 */
class BodyReadersTest {
    private static final String[] TEXTS = {"", "AAPL", "a b,c=d\"e\\f\ng", "Zürich €", "東京", "\uD83D\uDCC8"};

    @Test
    void dropsTheJavaStringTypeEverywhereAndNothingElse() {
        for (Schema schema : List.of(Trade.getClassSchema(), Quote.getClassSchema(), nested())) {
            Schema stripped = BodyReaders.withUtf8Strings(schema);

            assertThat(schema.toString()).contains(GenericData.STRING_PROP);
            assertThat(stripped.toString()).doesNotContain(GenericData.STRING_PROP);
            // The canonical form leaves out properties, so it compares everything else.
            assertThat(SchemaNormalization.parsingFingerprint64(stripped))
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
            assertThat(stripped.getField("event_time").schema().getLogicalType())
                    .isEqualTo(schema.getField("event_time").schema().getLogicalType());
        }
    }

    @Test
    void readsTheSameValuesAsAvrosResolvingReaderWithUtf8Strings() throws IOException {
        Schema current = Trade.getClassSchema();
        Schema older = MarketSamples.TRADE_V1;
        Schema newer = MarketSamples.TRADE_V3;
        SplittableRandom random = new SplittableRandom(20261204);
        for (Schema writer : List.of(current, older, newer)) {
            GenericDatumReader<Object> ours = BodyReaders.of(writer, current);
            GenericDatumReader<Object> plain = new GenericDatumReader<>(writer, current);
            Object reused = null;
            for (int i = 0; i < 500; i++) {
                byte[] body = encode(randomTrade(writer, random), writer);

                reused = ours.read(reused, DecoderFactory.get().binaryDecoder(body, null));
                GenericRecord expected = (GenericRecord) plain.read(null, DecoderFactory.get().binaryDecoder(body, null));

                GenericRecord actual = (GenericRecord) reused;
                assertThat(actual.get("symbol")).isInstanceOf(Utf8.class);
                assertThat(asStrings(actual)).as("record %d written with %s", i, writer).isEqualTo(asStrings(expected));
            }
        }
    }

    @Test
    void theCurrencyDefaultFillsRecordsOfTheFirstVersion() throws IOException {
        Schema older = MarketSamples.TRADE_V1;
        GenericRecord written = randomTrade(older, new SplittableRandom(7));

        GenericRecord read = (GenericRecord) BodyReaders.of(older, Trade.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(encode(written, older), null));

        assertThat(read.get("currency")).hasToString(Trade.getClassSchema().getField("currency").defaultVal().toString());
        assertThat(read.get("trade_id")).hasToString(written.get("trade_id").toString());
    }

    private static GenericRecord randomTrade(Schema schema, SplittableRandom random) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("symbol", text(random));
        record.put("price", random.nextDouble() * 1000);
        record.put("size", (double) random.nextInt(1, 10_000));
        record.put("event_time", random.nextLong(0, 4_000_000_000_000_000L));
        record.put("trade_id", text(random));
        record.put("exchange", text(random));
        List<String> conditions = new ArrayList<>();
        for (int c = random.nextInt(4); c > 0; c--) {
            conditions.add(text(random));
        }
        record.put("conditions", conditions);
        record.put("sequence", random.nextLong());
        if (schema.getField("currency") != null) {
            record.put("currency", text(random));
        }
        if (schema.getField("venue") != null) {
            record.put("venue", text(random));
        }
        return record;
    }

    private static String text(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)] + random.nextInt(100);
    }

    private static byte[] encode(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Every field's value as text: a String and a Utf8 of the same characters compare equal. */
    private static List<String> asStrings(GenericRecord record) {
        List<String> values = new ArrayList<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            values.add(field.name() + "=" + record.get(field.pos()));
        }
        return values;
    }

    private static Schema nested() {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "Nested", "fields": [
                  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "tags", "type": {"type": "map", "values": {"type": "string", "avro.java.string": "String"},
                                            "avro.java.string": "String"}},
                  {"name": "maybe", "type": ["null", {"type": "string", "avro.java.string": "String"}], "default": null},
                  {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
                    {"name": "names", "type": {"type": "array", "items": {"type": "string", "avro.java.string": "String"}}}]}}]}
                """);
    }
}
