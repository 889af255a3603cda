package io.tickpipe.spark.measurements;

import static io.tickpipe.influx.testing.ScriptedHttpServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.client.write.PointSettings;
import io.tickpipe.influx.InfluxApi;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.influx.LineBatch;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * {@link RawPointLines} against the Points the raw trades and quotes were written as before it: each
 * internal row is also turned into an external Row by Spark's own deserializer (Timestamps included,
 * as the job had them), that Row into a Point as {@code MarketPoints.trade/quote} built it, and the
 * Point into text by the library ({@code Point.toLineProtocol}) and by our writers' Point path
 * ({@code LineProtocol}, on the wire): the lines must be the same bytes.
 */
class RawPointLinesTest {
    private static final PointSettings NO_DEFAULT_TAGS = new PointSettings();
    /** The columns as Spark's Avro reader decodes the schemas, positions and types included. */
    private static final StructType TRADE = nullable((StructType) SchemaConverters.toSqlType(Trade.getClassSchema()).dataType());
    private static final StructType QUOTE = nullable((StructType) SchemaConverters.toSqlType(Quote.getClassSchema()).dataType());
    private static final StructType INGEST = new StructType().add("trade", TRADE).add("quote", QUOTE);
    /** Spark's deserializer of the rows, as the job's Dataset.foreachPartition used it (made once: it compiles code). */
    private static final ExpressionEncoder.Deserializer<Row> ROWS = bound(ExpressionEncoder.apply(INGEST)).createDeserializer();

    private static final Instant T = Instant.parse("2026-03-02T14:30:01.123456Z");
    private static final long T_NANOS = 1_772_461_801_123_456_000L;

    @Test
    void aTradeIsTimedAtItsEventTimeWithTheSequenceInTheSpareNanoseconds() {
        InternalRow trade = trade("BRK B", 412.5, 10.0, micros(T), "t 1", "XNYS", 12_345L, "USD");
        assertThat(line(ingest(trade, null))).isEqualTo(
                "trades,symbol=BRK\\ B currency=\"USD\",exchange=\"XNYS\",price=412.5,sequence=12345i,size=10.0,trade_id=\"t 1\" "
                        + (T_NANOS + 345));
    }

    @Test
    void anIngestRowBecomesTheLineOfWhicheverOfTradeAndQuoteIsSet() {
        InternalRow trade = trade("AAPL", 10.5, 3.0, micros(T), "t7", "XNAS", 7L, "USD");
        InternalRow quote = quote("MSFT", 9.5, 9.75, 100.0, 200.0, micros(T), "XNYS", 1_002L);

        assertThat(line(ingest(trade, null))).isEqualTo("trades,symbol=AAPL currency=\"USD\",exchange=\"XNAS\",price=10.5,"
                + "sequence=7i,size=3.0,trade_id=\"t7\" " + (T_NANOS + 7));
        assertThat(line(ingest(null, quote))).isEqualTo("quotes,symbol=MSFT ask=9.75,ask_size=200.0,bid=9.5,bid_size=100.0,"
                + "exchange=\"XNYS\",sequence=1002i,spread=0.25 " + (T_NANOS + 2));
    }

    @Test
    void everyRandomTradeAndQuoteIsTheLineItsPointWas() {
        Random random = new Random(20261204);
        UnsafeProjection asSparkHoldsThem = UnsafeProjection.create(INGEST);
        for (int i = 0; i < 50_000; i++) {
            // Every other row as an UnsafeRow, its strings inside the row's one buffer: read in place.
            InternalRow row = i % 2 == 0 ? randomIngestRow(random) : asSparkHoldsThem.apply(randomIngestRow(random)).copy();
            Point point = referencePoint(row);
            assertThat(line(row)).as("row %d: %s", i, point).isEqualTo(point.toLineProtocol(NO_DEFAULT_TAGS, WritePrecision.NS));
        }
    }

    @Test
    void theBackfillsTradeAndQuoteColumnsAreTheSameLinesAsInIngestRows() {
        Random random = new Random(5_12_2026);
        RawPointLines trades = RawPointLines.trades(TRADE);
        RawPointLines quotes = RawPointLines.quotes(QUOTE);
        for (int i = 0; i < 5_000; i++) {
            InternalRow row = randomIngestRow(random);
            LineBatch alone = new LineBatch();
            if (row.isNullAt(0)) {
                quotes.appendLines(row.getStruct(1, QUOTE.size()), alone);
            } else {
                trades.appendLines(row.getStruct(0, TRADE.size()), alone);
            }
            assertThat(alone.toString()).isEqualTo(referencePoint(row).toLineProtocol(NO_DEFAULT_TAGS, WritePrecision.NS));
        }
    }

    @Test
    void theWritersSendTheSameBodyForTheLinesAsForThePoints() {
        Random random = new Random(4_12_2026);
        List<InternalRow> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(randomIngestRow(random));
        }
        LineBatch lines = new LineBatch(64); // small: grows many times
        RawPointLines mapper = RawPointLines.tradeOrQuote(INGEST);
        rows.forEach(row -> mapper.appendLines(row, lines));
        List<Point> points = rows.stream().map(RawPointLinesTest::referencePoint).toList();

        for (InfluxConfig.Builder config : List.of(InfluxConfig.builder("http://unused"),
                InfluxConfig.builder("http://unused").api(InfluxApi.V2).org("acme").bucket("market").token("tok"))) {
            try (ScriptedHttpServer fromPoints = ScriptedHttpServer.start(status(204, ""));
                 ScriptedHttpServer fromLines = ScriptedHttpServer.start(status(204, ""))) {
                try (InfluxPointWriter writer = InfluxPointWriters.create(config.url(fromPoints.url()).batchSize(700).build())) {
                    writer.write(points);
                }
                try (InfluxPointWriter writer = InfluxPointWriters.create(config.url(fromLines.url()).batchSize(700).build())) {
                    writer.writeLines(lines);
                }
                assertThat(fromLines.requests()).hasSize(5);
                assertThat(fromLines.requests()).extracting(ScriptedHttpServer.Request::uri)
                        .isEqualTo(fromPoints.requests().stream().map(ScriptedHttpServer.Request::uri).toList());
                assertThat(fromLines.requests()).extracting(ScriptedHttpServer.Request::body)
                        .isEqualTo(fromPoints.requests().stream().map(ScriptedHttpServer.Request::body).toList());
            }
        }
    }

    @Test
    void aTradeWithoutAPriceOrARowWithNeitherIsRefusedByName() {
        InternalRow noPrice = trade("AAPL", null, 3.0, micros(T), "t7", "XNAS", 7L, "USD");
        assertThatThrownBy(() -> line(ingest(noPrice, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trade without price");
        assertThatThrownBy(() -> line(ingest(null, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither trade nor quote");
    }

    @Test
    void aSchemaWithoutTheColumnsOfTheDecodeIsRefusedByColumn() {
        StructType renamed = new StructType(java.util.Arrays.stream(TRADE.fields())
                .map(f -> f.name().equals("price") ? new StructField("last", f.dataType(), true, f.metadata()) : f)
                .toArray(StructField[]::new));
        assertThatThrownBy(() -> RawPointLines.tradeOrQuote(new StructType().add("trade", renamed).add("quote", QUOTE)))
                .hasMessageContaining("the decoded trade has no column 'price'");
        assertThatThrownBy(() -> RawPointLines.tradeOrQuote(new StructType().add("trade", TRADE)))
                .hasMessageContaining("two structs");
    }

    private static String line(InternalRow row) {
        LineBatch lines = new LineBatch();
        RawPointLines.tradeOrQuote(INGEST).appendLines(row, lines);
        assertThat(lines.lines()).isEqualTo(1);
        return lines.toString();
    }

    /**
     * The Point of the row as {@code MarketPoints.trade/quote} made it before {@link RawPointLines}:
     * from the external Row that Spark's deserializer gives.
     */
    private static Point referencePoint(InternalRow internal) {
        Row row = ROWS.apply(internal);
        if (row.isNullAt(0)) {
            Row quote = row.getStruct(1);
            double bid = quote.getAs("bid");
            double ask = quote.getAs("ask");
            return Point.measurement("quotes")
                    .addTag("symbol", quote.getAs("symbol"))
                    .addField("bid", bid)
                    .addField("ask", ask)
                    .addField("bid_size", (double) quote.getAs("bid_size"))
                    .addField("ask_size", (double) quote.getAs("ask_size"))
                    .addField("spread", ask - bid)
                    .addField("sequence", (long) quote.getAs("sequence"))
                    .addField("exchange", (String) quote.getAs("exchange"))
                    .time(distinctNanos(quote.getAs("event_time"), quote.getAs("sequence")), WritePrecision.NS);
        }
        Row trade = row.getStruct(0);
        return Point.measurement("trades")
                .addTag("symbol", trade.getAs("symbol"))
                .addField("price", (double) trade.getAs("price"))
                .addField("size", (double) trade.getAs("size"))
                .addField("sequence", (long) trade.getAs("sequence"))
                .addField("trade_id", (String) trade.getAs("trade_id"))
                .addField("exchange", (String) trade.getAs("exchange"))
                .addField("currency", (String) trade.getAs("currency"))
                .time(distinctNanos(trade.getAs("event_time"), trade.getAs("sequence")), WritePrecision.NS);
    }

    private static long distinctNanos(Timestamp eventTime, long sequence) {
        Instant instant = eventTime.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano())
                + Math.floorMod(sequence, 1000L);
    }

    private static InternalRow randomIngestRow(Random random) {
        if (random.nextInt(5) < 2) {
            return ingest(trade(text(random), real(random), real(random), micros(random), text(random), text(random),
                    sequence(random), text(random)), null);
        }
        return ingest(null, quote(text(random), real(random), real(random), real(random), real(random), micros(random),
                text(random), sequence(random)));
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", ",", "=", "\"", "\\", "\n", "\r", "\t", "\\\"", "é", "€",
        "\uD83D\uDE00", "Zürich", "BRK.B", "-", "'", "{", "\u0000", "\u007F", "\u2028"};

    /** Mostly awkward text, sometimes empty or null, sometimes bytes that are not UTF-8 at all. */
    private static UTF8String text(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return UTF8String.EMPTY_UTF8;
        }
        if (kind == 2) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            random.nextBytes(bytes);
            return UTF8String.fromBytes(bytes);
        }
        if (kind < 8) {
            return UTF8String.fromString("S" + random.nextInt(500));
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i >= 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return UTF8String.fromString(text.toString());
    }

    private static final double[] EDGES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-3, 9.99e-4, 1e7, 9_999_999.999, 1e22, 0.1, 100.01};

    private static double real(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> Double.longBitsToDouble(random.nextLong());
            case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15);
            default -> Math.round(random.nextDouble() * 1e6) / 100.0; // prices, two decimals
        };
    }

    private static long sequence(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 999, 1000}[random.nextInt(6)];
            default -> random.nextInt(10_000_000);
        };
    }

    /**
     * Event times from 1900 to 2262, as far as nanoseconds in a long go: before 1900 Spark's
     * deserializer moved a Timestamp to the Julian calendar, which the Point path inherited and the
     * lines do not.
     */
    private static long micros(Random random) {
        long from = micros(Instant.parse("1900-01-01T00:00:00Z"));
        long to = micros(Instant.parse("2262-01-01T00:00:00Z"));
        return from + (long) (random.nextDouble() * (to - from));
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static InternalRow ingest(InternalRow trade, InternalRow quote) {
        return new GenericInternalRow(new Object[] {trade, quote});
    }

    /** In the decode's column order: symbol, price, size, event_time, trade_id, exchange, conditions, sequence, currency. */
    private static InternalRow trade(Object symbol, Double price, double size, long eventMicros, Object tradeId,
            Object exchange, long sequence, Object currency) {
        return new GenericInternalRow(new Object[] {utf8(symbol), price, size, eventMicros, utf8(tradeId), utf8(exchange),
            new GenericArrayData(new Object[] {UTF8String.fromString("I")}), sequence, utf8(currency)});
    }

    /** In the decode's column order: symbol, bid, ask, bid_size, ask_size, event_time, exchange, sequence. */
    private static InternalRow quote(Object symbol, double bid, double ask, double bidSize, double askSize, long eventMicros,
            Object exchange, long sequence) {
        return new GenericInternalRow(new Object[] {utf8(symbol), bid, ask, bidSize, askSize, eventMicros, utf8(exchange),
            sequence});
    }

    private static UTF8String utf8(Object text) {
        return text instanceof String s ? UTF8String.fromBytes(s.getBytes(StandardCharsets.UTF_8)) : (UTF8String) text;
    }

    /** Nullable strings, so that a null can be tried; the types as the decode gives them. */
    private static StructType nullable(StructType struct) {
        return new StructType(java.util.Arrays.stream(struct.fields())
                .map(f -> new StructField(f.name(), f.dataType(), f.dataType() == DataTypes.StringType || f.nullable(), f.metadata()))
                .toArray(StructField[]::new));
    }

    private static ExpressionEncoder<Row> bound(ExpressionEncoder<Row> encoder) {
        return encoder.resolveAndBind(encoder.resolveAndBind$default$1(), encoder.resolveAndBind$default$2());
    }
}
