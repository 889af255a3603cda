package io.tickpipe.bench;

import io.tickpipe.market.Trade;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Trade serialized and deserialized per operation: through the Confluent wire format (registry
 * lookups cached after the first, as in real use) and through plain Avro with reused encoders and
 * decoders, the fastest way Avro offers. Same records for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {
    public static final String REGISTRY_PROPERTY = "tickpipe.bench.registry";
    private static final String TOPIC = "bench.trades";

    private Trade[] trades;
    private int next;

    private KafkaAvroSerializer serializer;
    private KafkaAvroDeserializer deserializer;

    private final SpecificDatumWriter<Trade> rawWriter = new SpecificDatumWriter<>(Trade.class);
    private final SpecificDatumReader<Trade> rawReader = new SpecificDatumReader<>(Trade.class);
    private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream(256);
    private BinaryEncoder rawEncoder;
    private BinaryDecoder rawDecoder;

    @Setup
    public void setUp() {
        trades = trades(1024, 42);
        String registry = System.getProperty(REGISTRY_PROPERTY);
        if (registry == null) {
            throw new IllegalStateException("-D" + REGISTRY_PROPERTY + "=<registry url> is required");
        }
        Map<String, Object> config = Map.of("schema.registry.url", registry, "specific.avro.reader", true);
        serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
    }

    static Trade[] trades(int count, long seed) {
        Random random = new Random(seed);
        String[] symbols = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BRK.B"};
        Trade[] trades = new Trade[count];
        for (int i = 0; i < count; i++) {
            trades[i] = Trade.newBuilder()
                    .setSymbol(symbols[i % symbols.length])
                    .setPrice(100 + random.nextDouble() * 400)
                    .setSize(1 + random.nextInt(500))
                    .setEventTime(Instant.ofEpochSecond(1_763_900_000L + i, random.nextInt(1_000_000) * 1_000L))
                    .setTradeId(Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
                    .setExchange(i % 3 == 0 ? "XNYS" : "XNAS")
                    .setConditions(i % 5 == 0 ? List.of("@", "I") : List.of())
                    .setSequence(i)
                    .setCurrency("USD")
                    .build();
        }
        return trades;
    }

    private Trade nextTrade() {
        Trade trade = trades[next];
        next = (next + 1) & (trades.length - 1);
        return trade;
    }

    @Benchmark
    public Object confluentWireFormat() {
        byte[] bytes = serializer.serialize(TOPIC, nextTrade());
        return deserializer.deserialize(TOPIC, bytes);
    }

    @Benchmark
    public Object rawAvro() throws IOException {
        rawOut.reset();
        rawEncoder = EncoderFactory.get().binaryEncoder(rawOut, rawEncoder);
        rawWriter.write(nextTrade(), rawEncoder);
        rawEncoder.flush();
        byte[] bytes = rawOut.toByteArray();
        rawDecoder = DecoderFactory.get().binaryDecoder(bytes, rawDecoder);
        return rawReader.read(null, rawDecoder);
    }
}
