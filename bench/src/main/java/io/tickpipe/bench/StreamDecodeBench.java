package io.tickpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.decode.KafkaSourceSchema;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.types.StructType;

/**
 * {@code make bench-stream-decode}: rows/s of {@link ConfluentAvroDecode} (header, writer schema by
 * id from a real registry, resolution, Catalyst rows, dead-letter columns) against Spark's own
 * {@code from_avro} on the same payloads with the header cut off, in one session over the same
 * Kafka-shaped rows in memory. Each side selects every Trade field and is forced by the {@code noop}
 * sink (a count could prune the decode away). Two uncounted warm-up pairs, then alternating rounds so
 * drift hits both alike (seven unless {@code -Dbench.rounds=N}: single rounds of either side spread
 * widely on a shared machine); prints each round, the medians and their ratio. Target: at least 0.95x.
 */
public final class StreamDecodeBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final double TARGET = 0.95;
    private static final String[] TRADE_FIELDS = Trade.getClassSchema().getFields().stream()
            .map(org.apache.avro.Schema.Field::name).toArray(String[]::new);
    private static final StructType KAFKA_ROWS = KafkaSourceSchema.WITHOUT_HEADERS;

    private StreamDecodeBench() {
    }

    public static void main(String[] args) {
        long records = Long.getLong("bench.records", 3_000_000L);
        Map<String, String> registryConfig = Map.of(RegistryConfig.URL, TestStack.shared().schemaRegistryUrl());
        int schemaId = SchemaRegistryClient.shared(RegistryConfig.from(registryConfig))
                .register("bench-stream-decode-value", Trade.getClassSchema());
        SparkSession spark = SparkSession.builder().appName("bench-stream-decode").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Dataset<Row> kafkaRows = payloads(spark, records, schemaId);
            Column[] fields = Arrays.stream(TRADE_FIELDS).map(f -> col(f)).toArray(Column[]::new);
            Supplier<Dataset<Row>> ours = () -> ConfluentAvroDecode.records(
                    ConfluentAvroDecode.decode(kafkaRows, Trade.getClassSchema(), registryConfig)).select(fields);
            String writerSchema = Trade.getClassSchema().toString();
            Supplier<Dataset<Row>> fromAvro = () -> kafkaRows
                    .select(functions.from_avro(expr("substring(value, 6)"), writerSchema).as("r"))
                    .select(Arrays.stream(TRADE_FIELDS).map(f -> col("r." + f)).toArray(Column[]::new));

            System.out.printf(Locale.ROOT, "%d Trade payloads of %d bytes each (Confluent format), in memory; warming up%n",
                    records, kafkaRows.select(expr("length(value)")).first().getInt(0));
            for (int warmUp = 0; warmUp < 2; warmUp++) {
                run(ours, records);
                run(fromAvro, records);
            }
            List<Double> ourRates = new ArrayList<>();
            List<Double> baseRates = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                ourRates.add(run(ours, records));
                baseRates.add(run(fromAvro, records));
                System.out.printf(Locale.ROOT, "round %d: ConfluentAvroDecode %,.0f rows/s   from_avro %,.0f rows/s%n",
                        round, ourRates.get(round - 1), baseRates.get(round - 1));
            }
            double ourMedian = SideBySide.median(ourRates);
            double baseMedian = SideBySide.median(baseRates);
            System.out.printf(Locale.ROOT, "%nmedian ConfluentAvroDecode %,.0f rows/s, from_avro %,.0f rows/s%n", ourMedian, baseMedian);
            System.out.printf(Locale.ROOT, "ratio ConfluentAvroDecode / from_avro = %.3f  (target >= %.2f: %s)%n",
                    ourMedian / baseMedian, TARGET, ourMedian / baseMedian >= TARGET ? "met" : "NOT met");
        } finally {
            spark.stop();
        }
    }

    private static double run(Supplier<Dataset<Row>> query, long records) {
        long start = System.nanoTime();
        query.get().write().format("noop").mode("overwrite").save();
        return records / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Kafka-shaped rows of Trade payloads, built on the executors and kept in memory, so neither side
     * pays for them. A local checkpoint keeps whole rows, as the Kafka source hands them over; Spark's
     * columnar cache would instead charge each read column's extraction to the query, which
     * penalises the decode for the position columns it reads that the Kafka source gives for free.
     */
    private static Dataset<Row> payloads(SparkSession spark, long records, int schemaId) {
        MapPartitionsFunction<Long, Row> toKafkaRows = indexes -> new Iterator<>() {
            private final ConfluentAvroEncoder encoder = new ConfluentAvroEncoder();
            private final String[] symbols = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL"};

            @Override
            public boolean hasNext() {
                return indexes.hasNext();
            }

            @Override
            public Row next() {
                long i = indexes.next();
                String symbol = symbols[(int) (i % symbols.length)];
                Trade trade = Trade.newBuilder().setSymbol(symbol).setPrice(100 + (i % 10_000) / 100.0)
                        .setSize(100 * (1 + i % 7)).setEventTime(Instant.ofEpochSecond(1_767_225_600L, i * 1_000))
                        .setTradeId(symbol + "-" + i).setExchange("XNAS").setConditions(i % 5 == 0 ? List.of("I") : List.of())
                        .setSequence(i).setCurrency("USD").build();
                return RowFactory.create(symbol.getBytes(StandardCharsets.UTF_8),
                        encoder.encode(schemaId, Trade.getClassSchema(), trade), "market.trades", (int) (i % 2), i / 2,
                        new Timestamp(1_767_225_600_000L + i), 0);
            }
        };
        return spark.range(0, records, 1, 4).as(Encoders.LONG())
                .mapPartitions(toKafkaRows, Encoders.row(KAFKA_ROWS))
                .localCheckpoint(true);
    }
}
