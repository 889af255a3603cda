package io.tickpipe.stream;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Record values the decoder must refuse, one of each reason it names, built from a good one. */
final class PoisonRecords {

    /** A tombstone on a topic of records: the decoder counts a null value as a truncated header. */
    static final String NULL_VALUE = "NULL_VALUE";

    private PoisonRecords() {
    }

    /** Keyed by what the record is; {@link #reasonOf} gives the dead-letter reason each must get. */
    static Map<String, byte[]> of(LocalStack stack, StackFixture fixture) {
        byte[] good = goodTrade(stack, fixture, "AAPL");
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("TRUNCATED_HEADER", new byte[] {0, 0, 0});
        bad.put("BAD_MAGIC_BYTE", withFirstByte(good, (byte) 7));
        bad.put("UNKNOWN_SCHEMA_ID", withId(good, 0x7ffffff0));
        bad.put("TRUNCATED_PAYLOAD", Arrays.copyOf(good, good.length - 4));
        bad.put("MALFORMED_PAYLOAD", garbageAfterHeader(good));
        // A record of another schema: a Quote where Trades belong.
        bad.put("INCOMPATIBLE_WRITER_SCHEMA", quote(stack, fixture));
        bad.put(NULL_VALUE, null);
        return bad;
    }

    static String reasonOf(String kind) {
        return kind.equals(NULL_VALUE) ? "TRUNCATED_HEADER" : kind;
    }

    /** A good trade of {@code symbol} now, in the fixture's registered Trade schema. */
    static byte[] goodTrade(LocalStack stack, StackFixture fixture, String symbol) {
        int id = registry(stack).register(MarketContract.TRADES.valueSubject(fixture.prefix), Trade.getClassSchema());
        Trade trade = Trade.newBuilder().setSymbol(symbol).setPrice(190.5).setSize(100)
                .setEventTime(Instant.now().truncatedTo(ChronoUnit.MICROS)).setTradeId(symbol + "-poison")
                .setExchange("XNAS").setConditions(List.of()).setSequence(0).setCurrency("USD").build();
        return new ConfluentAvroEncoder().encode(id, Trade.getClassSchema(), trade);
    }

    private static byte[] quote(LocalStack stack, StackFixture fixture) {
        int id = registry(stack).register(MarketContract.QUOTES.valueSubject(fixture.prefix), Quote.getClassSchema());
        Quote quote = Quote.newBuilder().setSymbol("MSFT").setBid(400.0).setAsk(400.05).setBidSize(100).setAskSize(200)
                .setEventTime(Instant.now().truncatedTo(ChronoUnit.MICROS)).setExchange("XNAS").setSequence(0).build();
        return new ConfluentAvroEncoder().encode(id, Quote.getClassSchema(), quote);
    }

    private static SchemaRegistryClient registry(LocalStack stack) {
        return new SchemaRegistryClient(RegistryConfig.of(stack.schemaRegistryUrl()));
    }

    static byte[] withFirstByte(byte[] value, byte first) {
        byte[] copy = value.clone();
        copy[0] = first;
        return copy;
    }

    static byte[] withId(byte[] value, int id) {
        byte[] copy = value.clone();
        copy[1] = (byte) (id >>> 24);
        copy[2] = (byte) (id >>> 16);
        copy[3] = (byte) (id >>> 8);
        copy[4] = (byte) id;
        return copy;
    }

    /** A string length of -64 right after the header: Avro cannot read it. */
    static byte[] garbageAfterHeader(byte[] value) {
        byte[] copy = Arrays.copyOf(value, 5 + 8);
        Arrays.fill(copy, 5, copy.length, (byte) 0x7f);
        return copy;
    }
}
