package io.tickpipe.spark.decode;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Trades and quotes of every schema version, registered in the shared test registry and encoded. */
final class MarketSamples {
    static final Instant T0 = Instant.parse("2026-01-05T14:30:00.123456Z");
    /** Trade as released in v1, without currency. */
    static final Schema TRADE_V1 = history("trade/v1.avsc");
    /** A Trade version after the current one: adds a field the current reader ignores. */
    static final Schema TRADE_V3 = withVenue(Trade.getClassSchema());
    /** A record no Trade reader can read. */
    static final Schema OTHER = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"it\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");

    private static final ConfluentAvroEncoder ENCODER = new ConfluentAvroEncoder();

    private MarketSamples() {
    }

    static Map<String, String> registryConfig() {
        return Map.of(RegistryConfig.URL, TestStack.shared().schemaRegistryUrl());
    }

    static SchemaRegistryClient registry() {
        return SchemaRegistryClient.shared(RegistryConfig.from(registryConfig()));
    }

    /** A subject no other test uses, so every version registers regardless of compatibility. */
    static String uniqueSubject(String stream) {
        return "decode-" + stream + "-" + Long.toString(System.nanoTime(), 36) + "-value";
    }

    static Trade trade(int i) {
        return Trade.newBuilder()
                .setSymbol(i % 2 == 0 ? "AAPL" : "MSFT")
                .setPrice(190.25 + i)
                .setSize(100 + i)
                .setEventTime(T0.plusNanos(1_000L * i))
                .setTradeId("T-" + i)
                .setExchange("XNAS")
                .setConditions(i % 3 == 0 ? List.of() : List.of("@", "I"))
                .setSequence(i)
                .setCurrency(i % 2 == 0 ? "USD" : "EUR")
                .build();
    }

    /** {@link #trade} written with v1: the same fields but currency. */
    static GenericRecord tradeV1(int i) {
        return copy(trade(i), TRADE_V1);
    }

    static GenericRecord tradeV3(int i, String venue) {
        GenericRecord record = copy(trade(i), TRADE_V3);
        record.put("venue", venue);
        return record;
    }

    static Quote quote(int i) {
        return Quote.newBuilder()
                .setSymbol("NVDA")
                .setBid(120.10 + i)
                .setAsk(120.12 + i)
                .setBidSize(300 + i)
                .setAskSize(400 + i)
                .setEventTime(T0.plusSeconds(i))
                .setExchange("XNYS")
                .setSequence(i)
                .build();
    }

    static byte[] encode(int schemaId, Schema schema, Object record) {
        return ENCODER.encode(schemaId, schema, record);
    }

    private static GenericRecord copy(Trade trade, Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            if (Trade.getClassSchema().getField(field.name()) != null) {
                record.put(field.name(), trade.get(field.name()));
            }
        }
        return record;
    }

    private static Schema withVenue(Schema current) {
        String json = current.toString();
        String venue = "{\"name\":\"venue\",\"type\":\"string\",\"default\":\"XXXX\"}";
        return new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']')) + "," + venue + "]}");
    }

    private static Schema history(String path) {
        try (InputStream in = Trade.class.getResourceAsStream("/io/tickpipe/market/history/" + path)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
