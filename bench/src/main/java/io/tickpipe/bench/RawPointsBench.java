package io.tickpipe.bench;

import static org.apache.spark.sql.functions.col;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.LineBatch;
import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.influx.LineMapper;
import io.tickpipe.spark.measurements.MarketPoints;
import io.tickpipe.spark.measurements.RawPointLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code make bench-raw-points}: points/s of the ingest path's write of raw points against a plain
 * HTTP writer posting the same line protocol to the same InfluxDB, in one run.
 *
 * <p><b>Ours</b> is what the ingest query does with a micro-batch once it is decoded: a Dataset of
 * {@code trade, quote} rows (the simulation's mix, 60% quotes), split as the ingest query splits a
 * batch (half the task slots of {@code make stream}'s default master, twice the cores), written by
 * {@link InfluxSink#writeLines} with {@link RawPointLines#tradeOrQuote}, the mapper the job uses:
 * Spark's internal rows straight to line protocol bytes, batches of {@code batchSize} lines posted
 * by the configured writer with its retry policy. The rows are decoded by Spark's own Avro reader and kept in memory before anything is
 * timed: decoding is {@code bench-stream-decode}'s subject.
 *
 * <p><b>The baseline</b> posts the line protocol of the very same points (made once before timing,
 * by the same mapper: its bytes are a Point's, {@code RawPointLinesTest} shows),
 * as ready bodies of the same {@code batchSize} lines, with {@code java.net.http} and one thread per
 * partition of ours: the same requests (database, nanosecond precision, no compression), the same
 * concurrency, nothing else. What is left is the server's pace.
 *
 * <p>Each side writes every round into a database of its own, new for the round, so that both write
 * new points (no overwrites) into an empty shard; the points of both are counted in InfluxDB after
 * the round, outside the time, and the database dropped. One warm-up pair, then alternating rounds
 * (the side that goes first alternates too) so that drift hits both alike; prints each round, the
 * medians and their ratio, and the CPU seconds per million points of this JVM (the client) and of
 * {@code influxd} on each side: on a machine where both share the cores, the client's CPU is taken
 * from the server. Target: at least 0.9x.
 *
 * <p>{@code -Dbench.points} (1,000,000), {@code -Dbench.rounds} (5), {@code -Dbench.symbols} (50),
 * {@code -Dbench.slots} (task slots, twice the cores); {@code -Dbench.pin=true} binds InfluxDB to
 * CPU 1 and this JVM to CPU 0 with {@code taskset}, for both sides, as if InfluxDB had a host of its
 * own.
 */
public final class RawPointsBench {
    private static final double TARGET = 0.9;
    /** SimulatedMarket.QUOTE_SHARE: 60% of the simulation's events are quotes. */
    private static final int TRADES_PER_5 = 2;
    private static final String[] EXCHANGES = {"XNAS", "XNYS", "ARCX", "BATS"};

    private RawPointsBench() {
    }

    public static void main(String[] args) throws Exception {
        long points = Long.getLong("bench.points", 1_000_000L);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int symbols = Integer.getInteger("bench.symbols", 50);
        int slots = Integer.getInteger("bench.slots", 2 * Runtime.getRuntime().availableProcessors());
        try (StreamRig rig = StreamRig.start("bench-raw-points", List.of(), "bench")) {
            InfluxConfig base = rig.influxConfig();
            long influxd = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no influxd among the stack's processes"))
                    .pid();
            if (Boolean.getBoolean("bench.pin")) {
                // As if InfluxDB had a host of its own: a core for it, the other for this JVM (both sides).
                pin(ProcessHandle.current().pid(), "0");
                pin(influxd, "1");
            }
            int batchSize = base.batchSize();
            SparkSession spark = SparkSession.builder().appName("bench-raw-points").master("local[" + slots + "]")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            try {
                // As StreamTopology.ingestTasks: half the task slots.
                int tasks = Math.max(1, spark.sparkContext().defaultParallelism() / 2);
                Dataset<Row> rows = decodedRows(spark, points, symbols, tasks);
                List<List<byte[]>> bodies = lineProtocolBodies(rows, batchSize);
                long bytes = bodies.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
                System.out.printf(Locale.ROOT, "%,d points (%d%% quotes, %d symbols) in %d partitions of decoded rows, "
                                + "local[%d]; batches of %,d points, %,d bytes of line protocol; InfluxDB %s; warming up%n",
                        points, 100 - 20 * TRADES_PER_5, symbols, tasks, slots, batchSize, bytes, base.url());
                HttpClient http = HttpClient.newBuilder().connectTimeout(base.connectTimeout()).build();
                Side ours = new Side("InfluxSink", db -> InfluxSink.writeLines(rows, base.toBuilder().database(db).build(),
                        RawPointLines::tradeOrQuote));
                Side plain = new Side("plain HTTP", db -> postAll(http, base, db, bodies));

                int[] database = {0};
                Map<String, double[]> cpu = Map.of(ours.name, new double[2], plain.name, new double[2]);
                ThrowingRun round = (side) -> {
                    String db = "raw_points_" + ++database[0];
                    InfluxQl influx = InfluxQl.of(base.toBuilder().database(db).build());
                    influx.execute("CREATE DATABASE " + InfluxQl.identifier(db));
                    long clientTicks = StreamRig.Cpu.ticks(ProcessHandle.current().pid());
                    long serverTicks = StreamRig.Cpu.ticks(influxd);
                    long start = System.nanoTime();
                    side.write.write(db);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    // USER_HZ 100: CPU seconds per million points, client (this JVM) and server.
                    cpu.get(side.name)[0] += (StreamRig.Cpu.ticks(ProcessHandle.current().pid()) - clientTicks) / 100.0 / points * 1e6;
                    cpu.get(side.name)[1] += (StreamRig.Cpu.ticks(influxd) - serverTicks) / 100.0 / points * 1e6;
                    long stored = influx.count(MarketPoints.TRADES) + influx.count(MarketPoints.QUOTES);
                    influx.execute("DROP DATABASE " + InfluxQl.identifier(db));
                    if (stored != points) {
                        throw new IllegalStateException(side.name + " stored " + stored + " points of " + points);
                    }
                    return points / seconds;
                };
                round.run(ours);
                round.run(plain);
                cpu.values().forEach(c -> java.util.Arrays.fill(c, 0));
                StreamRig.Cpu from = StreamRig.Cpu.now();
                List<Double> ourRates = new ArrayList<>();
                List<Double> baseRates = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    if (r % 2 == 1) {
                        ourRates.add(round.run(ours));
                        baseRates.add(round.run(plain));
                    } else {
                        baseRates.add(round.run(plain));
                        ourRates.add(round.run(ours));
                    }
                    System.out.printf(Locale.ROOT, "round %d: %s %,.0f points/s   %s %,.0f points/s%n", r, ours.name,
                            ourRates.get(r - 1), plain.name, baseRates.get(r - 1));
                }
                System.out.println(StreamRig.Cpu.between(from, StreamRig.Cpu.now())
                        + (Boolean.getBoolean("bench.pin") ? " (InfluxDB pinned to CPU 1, this JVM to CPU 0)" : ""));
                for (Side side : List.of(ours, plain)) {
                    System.out.printf(Locale.ROOT, "CPU per million points, mean of the rounds: %-10s this JVM %.2f s, "
                            + "influxd %.2f s%n", side.name, cpu.get(side.name)[0] / rounds, cpu.get(side.name)[1] / rounds);
                }
                double ourMedian = SideBySide.median(ourRates);
                double baseMedian = SideBySide.median(baseRates);
                System.out.printf(Locale.ROOT, "%nmedian %s %,.0f points/s, %s %,.0f points/s (each side's %d rounds; "
                        + "every point counted in InfluxDB)%n", ours.name, ourMedian, plain.name, baseMedian, rounds);
                System.out.printf(Locale.ROOT, "ratio %s / %s = %.3f  (target >= %.2f: %s)%n", ours.name, plain.name,
                        ourMedian / baseMedian, TARGET, ourMedian / baseMedian >= TARGET ? "met" : "NOT met");
            } finally {
                spark.stop();
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void write(String database) throws Exception;
    }

    private record Side(String name, Write write) {
    }

    @FunctionalInterface
    private interface ThrowingRun {
        double run(Side side) throws Exception;
    }

    /**
     * Decoded {@code trade, quote} rows as the ingest query has them after its decode, made by Spark's
     * own Avro reader from Avro payloads (so the structs have the types a decode gives), in
     * {@code partitions} partitions, trades and quotes interleaved. A local checkpoint keeps whole rows
     * in memory, as a micro-batch's decode hands them over.
     */
    static Dataset<Row> decodedRows(SparkSession spark, long points, int symbols, int partitions) {
        StructType payloads = new StructType().add("trade", DataTypes.BinaryType).add("quote", DataTypes.BinaryType);
        MapPartitionsFunction<Long, Row> toPayloads = indexes -> new Iterator<>() {
            private final Avro avro = new Avro();

            @Override
            public boolean hasNext() {
                return indexes.hasNext();
            }

            @Override
            public Row next() {
                long i = indexes.next();
                String symbol = "S" + (1 + i % symbols);
                // Distinct microseconds: no two points share measurement, symbol and time.
                Instant time = Instant.ofEpochSecond(1_767_225_600L, i * 1_000);
                String exchange = EXCHANGES[(int) (i % EXCHANGES.length)];
                double price = 100 + (i % 10_000) / 100.0;
                if (i % 5 < TRADES_PER_5) {
                    Trade trade = Trade.newBuilder().setSymbol(symbol).setPrice(price).setSize(100 * (1 + i % 7))
                            .setEventTime(time).setTradeId(symbol + "-" + i).setExchange(exchange)
                            .setConditions(i % 11 == 0 ? List.of("I") : List.of()).setSequence(i).setCurrency("USD").build();
                    return RowFactory.create(avro.bytes(trade), null);
                }
                Quote quote = Quote.newBuilder().setSymbol(symbol).setBid(price).setAsk(price + 0.01 * (1 + i % 3))
                        .setBidSize(100 * (1 + i % 5)).setAskSize(100 * (1 + i % 4)).setEventTime(time)
                        .setExchange(exchange).setSequence(i).build();
                return RowFactory.create(null, avro.bytes(quote));
            }
        };
        return spark.range(0, points, 1, partitions).as(Encoders.LONG())
                .mapPartitions(toPayloads, Encoders.row(payloads))
                .select(functions.from_avro(col("trade"), Trade.getClassSchema().toString()).as("trade"),
                        functions.from_avro(col("quote"), Quote.getClassSchema().toString()).as("quote"))
                .localCheckpoint(true);
    }

    /** The rows' line protocol, in bodies of {@code batchSize} lines, per partition. */
    static List<List<byte[]>> lineProtocolBodies(Dataset<Row> rows, int batchSize) {
        LineMapper mapper = RawPointLines.tradeOrQuote(rows.schema());
        FlatMapFunction<Iterator<InternalRow>, byte[]> toBodies = partition -> {
            List<byte[]> bodies = new ArrayList<>();
            LineBatch lines = new LineBatch();
            while (partition.hasNext()) {
                mapper.appendLines(partition.next(), lines);
                if (lines.lines() == batchSize) {
                    bodies.add(lines.toString().getBytes(StandardCharsets.UTF_8));
                    lines.clear();
                }
            }
            if (!lines.isEmpty()) {
                bodies.add(lines.toString().getBytes(StandardCharsets.UTF_8));
            }
            return bodies.iterator();
        };
        return rows.queryExecution().toRdd().toJavaRDD().mapPartitions(toBodies).glom().collect();
    }

    /** Binds every thread of process {@code pid}, and those it starts, to {@code cpus}. */
    private static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed: " + output);
        }
    }

    /** One thread per partition, each posting its bodies one after the other, as a task of ours does. */
    private static void postAll(HttpClient http, InfluxConfig config, String database, List<List<byte[]>> bodies)
            throws Exception {
        URI endpoint = URI.create(config.url() + "/write?db=" + database + "&precision=ns");
        ExecutorService threads = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<byte[]> partition : bodies) {
                done.add(threads.submit(() -> {
                    for (byte[] body : partition) {
                        post(http, endpoint, body, config.requestTimeout());
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void post(HttpClient http, URI endpoint, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + endpoint + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Plain Avro binary of a generated record, what {@code from_avro} reads. */
    private static final class Avro {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private BinaryEncoder encoder;

        byte[] bytes(SpecificRecord record) {
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            try {
                new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
