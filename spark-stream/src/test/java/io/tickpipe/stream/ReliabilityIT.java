package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.schemas.SchemaHistory;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.FaultProxy;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SparkJobProcess;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.ClusterPorts;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite ({@code make reliability}; {@code make test} runs it at a reduced size), and the
 * cluster integration test: on the cluster (three Kafka nodes, the market topics replicated on all
 * three, a Spark master with two workers, executors on both), one run of the seeded simulation
 * through the producer and the streaming job, and one fault after another while the data flows:
 * the driver killed three times, an executor killed, a worker stopped, the broker that leads the
 * trades killed, the registry down, InfluxDB down then slow, poison records. After it, the topic is
 * compared with what the producer acknowledged (every event there exactly once, by symbol and
 * sequence) and every 1s bar of InfluxDB with an independent computation from the topic; each
 * fault's row counts what happened to the events and bars of its own time. The table goes to
 * standard output and {@code target/reliability.md}.
 */
class ReliabilityIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN");
    private static final String FINAL_1S = "SELECT * FROM bars WHERE \"interval\" = '1s' AND final = true AND symbol =~ /^("
            + String.join("|", SYMBOLS) + ")$/";
    private static final Scale SCALE = Scale.of(System.getProperty("reliability.scale", "ci"));

    /**
     * How often the driver is killed, how long the outages last and the quiet time between faults: the issue's at
     * full size; in make test one driver kill (a restart on the cluster is the slowest step of the suite) and
     * shorter outages.
     */
    record Scale(String name, int driverKills, Duration gap, Duration workerOutage, Duration brokerOutage,
                 Duration registryOutage, Duration influxOutage, Duration influxSlow, Duration slowFor) {
        static Scale of(String name) {
            return switch (name) {
                case "full" -> new Scale(name, 3, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));
                case "ci" -> new Scale(name, 1, Duration.ofSeconds(5), Duration.ofSeconds(12), Duration.ofSeconds(12),
                        Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(8));
                default -> throw new IllegalArgumentException("reliability.scale is ci or full, not " + name);
            };
        }
    }

    /** One fault: when it began, when it was over (the failed part back), when bars came again. */
    private record Fault(String name, Instant start, Instant end, Instant recovered) {
    }

    private static Path clusterDir;
    private static LocalStack cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        clusterDir = Files.createTempDirectory("tickpipe-reliability-");
        cluster = LocalStack.startCluster(clusterDir, ClusterPorts.free(), Path.of(".."), 1, "1g");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> paths = Files.walk(clusterDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void nothingIsLostDuplicatedOrWrongAfterAnyFault(@TempDir Path dir) throws Exception {
        StackFixture fixture = StackFixture.fresh(cluster, "faults");
        URI influxUrl = URI.create(cluster.influxUrl());
        List<Fault> faults = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        try (FaultProxy influxProxy = FaultProxy.to(influxUrl.getHost(), influxUrl.getPort());
             BackgroundProducer producer = BackgroundProducer.start(dir, fixture)) {
            String[] jobArgs = jobArgs(fixture, dir, influxProxy.port());
            Influx influx = fixture.influx();
            assertReplicatedOnEveryNode(fixture);
            Instant jobStart = Instant.now();
            Job job = new Job(dir, jobArgs);
            try {
                Instant firstBars = job.awaitBars(influx);
                assertExecutorsOnBothWorkers();
                pause();
                // The cluster run itself: the trades until the first fault, and their bars.
                Instant quiet = Instant.now();
                faults.add(new Fault("none: the job on the master and two workers (first bars after "
                        + Duration.between(jobStart, firstBars).toSeconds() + " s)", jobStart, quiet, quiet));

                for (int kill = 1; kill <= SCALE.driverKills(); kill++) {
                    pause();
                    Instant start = Instant.now();
                    job.kill9();
                    job = new Job(dir, jobArgs);
                    faults.add(new Fault("driver kill -9 #" + kill + ", restarted on its checkpoint", start, Instant.now(),
                            job.awaitNewBars(influx)));
                }

                pause();
                Instant start = Instant.now();
                long executor = executorPids().get(0);
                ProcessHandle.of(executor).ifPresent(ProcessHandle::destroyForcibly);
                faults.add(new Fault("executor JVM kill -9 (pid " + executor + ")", start, Instant.now(), job.awaitNewBars(influx)));

                pause();
                start = Instant.now();
                cluster.stop("spark-worker-1");
                sleep(SCALE.workerOutage());
                cluster.restart("spark-worker-1");
                faults.add(new Fault("worker stopped " + SCALE.workerOutage().toSeconds() + " s with its executors", start,
                        Instant.now(), job.awaitNewBars(influx)));

                pause();
                start = Instant.now();
                String leader = "kafka-" + leaderOfTrades(fixture);
                cluster.kill(leader);
                sleep(SCALE.brokerOutage());
                cluster.restart(leader);
                faults.add(new Fault("trades' leader " + leader + " kill -9 while producing, down "
                        + SCALE.brokerOutage().toSeconds() + " s", start, Instant.now(), job.awaitNewBars(influx)));

                pause();
                start = Instant.now();
                RegistryProbe probe = RegistryProbe.register(cluster, fixture);
                cluster.stop("registry");
                probe.produceWithTheNewId();
                sleep(SCALE.registryOutage());
                cluster.restart("registry");
                faults.add(new Fault("registry down " + SCALE.registryOutage().toSeconds() + " s, a new schema id in it",
                        start, Instant.now(), job.awaitNewBars(influx)));

                pause();
                start = Instant.now();
                influxProxy.down();
                sleep(SCALE.influxOutage());
                influxProxy.slow(SCALE.influxSlow());
                sleep(SCALE.slowFor());
                influxProxy.normal();
                faults.add(new Fault("InfluxDB down " + SCALE.influxOutage().toSeconds() + " s, then answering after "
                        + SCALE.influxSlow().toSeconds() + " s for " + SCALE.slowFor().toSeconds() + " s", start, Instant.now(),
                        job.awaitNewBars(influx)));

                pause();
                start = Instant.now();
                Map<String, byte[]> poison = PoisonRecords.of(cluster, fixture);
                poison.forEach((reason, value) -> KafkaIo.produceRaw(cluster.kafkaBootstrapServers(), fixture.tradesTopic(),
                        reason, java.util.Collections.singletonList(value)));
                KafkaIo.produceRaw(cluster.kafkaBootstrapServers(), fixture.tradesTopic(), null,
                        List.of(PoisonRecords.goodTrade(cluster, fixture, "NOKEY")));
                faults.add(new Fault("poison records: " + String.join(", ", poison.keySet()) + "; a good one without a key",
                        start, Instant.now(), job.awaitNewBars(influx)));

                pause();
                producer.stop();
                long watermark = producer.watermarkMicros(cluster, fixture);
                long finalBars = producer.expectedFinalBars(cluster, fixture, watermark);
                Job running = job;
                Eventually.until(Duration.ofMinutes(5),
                        () -> !running.isAlive() || influx.rows(FINAL_1S).size() >= finalBars,
                        () -> "final 1s bars " + influx.rows(FINAL_1S).size() + " of " + finalBars);
                assertThat(job.isAlive()).as(job.log()).isTrue();
                // The poison: each in the dead-letter topic with its reason, counted in `pipeline`.
                List<ConsumerRecord<String, byte[]>> dead = KafkaIo.consumeRaw(cluster.kafkaBootstrapServers(),
                        MarketContract.TRADES.deadLetterTopic(fixture.prefix), poison.size());
                assertThat(dead).extracting(r -> header(r, "tickpipe.dlq.reason"))
                        .containsExactlyInAnyOrderElementsOf(poison.keySet().stream().map(PoisonRecords::reasonOf).toList());
                Eventually.until(Duration.ofMinutes(1),
                        () -> influx.count("SELECT sum(dead_letters) FROM pipeline") == poison.size(),
                        () -> "dead letters counted: " + influx.rows("SELECT sum(dead_letters) FROM pipeline GROUP BY reason"));
                notes.put("dead letters", dead.size() + " of " + poison.size() + " poison records, each with its reason;"
                        + " pipeline counts " + influx.count("SELECT sum(dead_letters) FROM pipeline"));
                notes.put("registry", "records with the schema id first seen in the outage: "
                        + influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND final = true AND symbol = '"
                        + RegistryProbe.SYMBOL + "'") + " of " + RegistryProbe.RECORDS + " in bars, none dead-lettered");
                assertThat(influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND symbol = '"
                        + RegistryProbe.SYMBOL + "'")).isEqualTo(RegistryProbe.RECORDS);
                assertThat(influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND symbol = 'NOKEY'")).isEqualTo(1);
            } finally {
                job.close();
            }

            Report report = Report.of(cluster, fixture, producer, influx, faults, notes);
            report.print();
            assertThat(report.totalLost()).as("acknowledged events missing from the topic").isZero();
            assertThat(report.totalDuplicated()).as("events in the topic more than once").isZero();
            assertThat(report.barsMissing()).as("bars of the independent computation missing").isZero();
            assertThat(report.barsExtra()).as("bars the independent computation has not").isZero();
            assertThat(report.barsDiffering()).as("bars with other values").isZero();
        }
    }

    private static String[] jobArgs(StackFixture fixture, Path dir, int influxProxyPort) {
        List<String> args = new ArrayList<>(List.of(fixture.jobArgs(dir)));
        int url = args.indexOf("--influx-url");
        args.set(url + 1, "http://127.0.0.1:" + influxProxyPort);
        return args.toArray(String[]::new);
    }

    private static void pause() throws InterruptedException {
        sleep(SCALE.gap());
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** The executor JVMs the workers started: the children of the worker processes. */
    private static List<Long> executorPids() {
        List<Long> pids = new ArrayList<>();
        for (String worker : List.of("spark-worker-1", "spark-worker-2")) {
            ProcessHandle.of(cluster.pid(worker)).ifPresent(w -> w.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .forEach(p -> pids.add(p.pid())));
        }
        assertThat(pids).as("executor JVMs of the workers").isNotEmpty();
        return pids;
    }

    /** The market topics on all three nodes, two of them in sync for a write, as make cluster-up makes them. */
    private static void assertReplicatedOnEveryNode(StackFixture fixture) throws Exception {
        assertThat(cluster.kafkaBootstrapServers().split(",")).hasSize(3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.kafkaBootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(fixture.tradesTopic())).allTopicNames().get().get(fixture.tradesTopic())
                    .partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, fixture.tradesTopic());
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("min.insync.replicas").value())
                    .isEqualTo("2");
        }
    }

    private static void assertExecutorsOnBothWorkers() {
        for (String worker : List.of("spark-worker-1", "spark-worker-2")) {
            assertThat(ProcessHandle.of(cluster.pid(worker)).orElseThrow().descendants()
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")))
                    .as("an executor on %s", worker).isTrue();
        }
    }

    private static int leaderOfTrades(StackFixture fixture) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(fixture.tradesTopic())).allTopicNames().get().get(fixture.tradesTopic())
                    .partitions().get(0).leader().id();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The streaming job's jar on the cluster, the driver in its own JVM. */
    private static final class Job implements AutoCloseable {
        private final SparkJobProcess process;

        Job(Path dir, String[] args) {
            this.process = SparkJobProcess.start("spark-stream", cluster.sparkMasterUrl(),
                    List.of("spark.executor.memory=512m", "spark.executor.cores=1", "spark.task.maxFailures=8"),
                    StreamJob.class.getName(), dir.resolve("job.log"), args);
        }

        Instant awaitBars(Influx influx) {
            Eventually.until(Duration.ofMinutes(5), () -> !process.isAlive() || !influx.rows(FINAL_1S).isEmpty(),
                    () -> "no final bar yet");
            assertThat(process.isAlive()).as(process.log()).isTrue();
            return Instant.now();
        }

        /** Returns when a final bar newer than any written before the call is in InfluxDB. */
        Instant awaitNewBars(Influx influx) {
            long before = newest(influx);
            Eventually.until(Duration.ofMinutes(5), () -> !process.isAlive() || newest(influx) > before,
                    () -> "no new final bar after " + before);
            assertThat(process.isAlive()).as(process.log()).isTrue();
            return Instant.now();
        }

        private static long newest(Influx influx) {
            List<Map<String, Object>> rows = influx.rows("SELECT last(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true");
            return rows.isEmpty() ? Long.MIN_VALUE : Influx.micros(rows.get(0));
        }

        void kill9() throws InterruptedException {
            process.kill9();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String log() {
            return process.log();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** {@code tickpipe produce} of the seeded simulation, paced, running until {@link #stop()}. */
    private static final class BackgroundProducer implements AutoCloseable {
        private final Process process;
        private final Path err;
        private String summary;

        private BackgroundProducer(Process process, Path err) {
            this.process = process;
            this.err = err;
        }

        static BackgroundProducer start(Path dir, StackFixture fixture) throws IOException {
            Path err = dir.resolve("producer.err");
            List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", Producer.jar().toString(), "produce",
                    "--symbols", String.join(",", SYMBOLS), "--rate", "40", "--seed", "7"));
            command.addAll(List.of(fixture.produceArgs()));
            Process process = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new BackgroundProducer(process, err);
        }

        /** SIGTERM: the producer flushes, prints its summary and exits 0. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("producer stopped").isTrue();
            summary = Files.readString(err);
            assertThat(process.exitValue()).as("producer exit; %s", summary).isZero();
        }

        /** The trades the producer says Kafka acknowledged. */
        long acknowledgedTrades(StackFixture fixture) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(fixture.tradesTopic())
                    + ": sent (\\d+), acknowledged (\\d+), failed (\\d+)").matcher(summary);
            assertThat(m.find()).as("per-topic line in the producer's summary: %s", summary).isTrue();
            assertThat(Long.parseLong(m.group(3))).as("failed sends").isZero();
            return Long.parseLong(m.group(2));
        }

        long watermarkMicros(LocalStack stack, StackFixture fixture) {
            return Trades.of(stack, fixture).stream().mapToLong(Trades.Record::micros).max().orElseThrow() - 5_000_000L;
        }

        long expectedFinalBars(LocalStack stack, StackFixture fixture, long watermark) {
            return ExpectedBars.of(Trades.unique(Trades.of(stack, fixture)), 1_000_000L).keySet().stream()
                    .filter(k -> k.startMicros() + 1_000_000L <= watermark).count();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** A schema id the job has not seen: Trade v1 registered now, records written with it while the registry is down. */
    private record RegistryProbe(StackFixture fixture, int id, Schema v1) {
        static final String SYMBOL = "REGV1";
        static final int RECORDS = 20;

        static RegistryProbe register(LocalStack stack, StackFixture fixture) {
            Schema v1 = SchemaHistory.parse(Path.of("../schemas/history/trade/v1.avsc"));
            var registry = new SchemaRegistryClient(RegistryConfig.of(stack.schemaRegistryUrl()));
            String subject = MarketContract.TRADES.valueSubject(fixture.prefix);
            registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
            return new RegistryProbe(fixture, registry.register(subject, v1), v1);
        }

        void produceWithTheNewId() {
            List<byte[]> values = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < RECORDS; i++) {
                GenericRecord trade = new GenericData.Record(v1);
                trade.put("symbol", SYMBOL);
                trade.put("price", 50.0 + i);
                trade.put("size", 1.0);
                trade.put("event_time", ChronoUnit.MICROS.between(Instant.EPOCH, now.plusMillis(50L * i)));
                trade.put("trade_id", "probe-" + i);
                trade.put("exchange", "XNAS");
                trade.put("conditions", List.of());
                trade.put("sequence", (long) i);
                values.add(new ConfluentAvroEncoder().encode(id, v1, trade));
            }
            KafkaIo.produceRaw(cluster.kafkaBootstrapServers(), fixture.tradesTopic(), SYMBOL, values);
        }
    }

    /** The trades topic read back whole, each record with its Kafka timestamp. */
    static final class Trades {
        record Record(String symbol, long sequence, long micros, long kafkaMillis, Trade trade) {
        }

        static List<Record> of(LocalStack stack, StackFixture fixture) {
            long count = KafkaIo.recordCount(stack.kafkaBootstrapServers(), fixture.tradesTopic());
            KafkaAvroDeserializer deserializer = StreamPipelineIT.tradeDeserializer(stack);
            List<Record> records = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> raw : KafkaIo.consumeRaw(stack.kafkaBootstrapServers(), fixture.tradesTopic(), (int) count)) {
                try {
                    Trade trade = (Trade) deserializer.deserialize(raw.topic(), raw.value());
                    if (trade != null && SYMBOLS.contains(trade.getSymbol())) {
                        records.add(new Record(trade.getSymbol(), trade.getSequence(),
                                ChronoUnit.MICROS.between(Instant.EPOCH, trade.getEventTime()), raw.timestamp(), trade));
                    }
                } catch (RuntimeException poison) {
                    // the poison records: checked against the dead-letter topic
                }
            }
            return records;
        }

        /** One of each symbol and sequence: the trades the independent computation counts. */
        static List<Trade> unique(List<Record> records) {
            Map<String, Trade> once = new LinkedHashMap<>();
            records.forEach(r -> once.putIfAbsent(r.symbol() + "#" + r.sequence(), r.trade()));
            return new ArrayList<>(once.values());
        }
    }

    /** The table: per fault, what happened to the events and 1s bars of its time; totals over the run. */
    private record Report(List<String> rows, long totalLost, long totalDuplicated, long barsMissing, long barsExtra,
                          long barsDiffering, String summary) {

        static Report of(LocalStack stack, StackFixture fixture, BackgroundProducer producer, Influx influx, List<Fault> faults,
                         Map<String, String> notes) {
            List<Trades.Record> topic = Trades.of(stack, fixture);
            long watermark = topic.stream().mapToLong(Trades.Record::micros).max().orElseThrow() - 5_000_000L;
            Map<ExpectedBars.Key, ExpectedBars.Bar> expected = new TreeMap<>();
            ExpectedBars.of(Trades.unique(topic), 1_000_000L).forEach((k, v) -> {
                if (k.startMicros() + 1_000_000L <= watermark) {
                    expected.put(k, v);
                }
            });
            Map<ExpectedBars.Key, ExpectedBars.Bar> actual = new TreeMap<>();
            ExpectedBars.fromInflux(influx.rows(FINAL_1S)).forEach((k, v) -> {
                if (SYMBOLS.contains(k.symbol())) {
                    actual.put(k, v);
                }
            });
            List<String> rows = new ArrayList<>();
            rows.add("| fault | events in the topic | lost | duplicated | bars missing | extra | differing | time to recover |");
            rows.add("|---|---|---|---|---|---|---|---|");
            long barsMissing = 0;
            long barsExtra = 0;
            long barsDiffering = 0;
            for (Fault fault : faults) {
                long from = fault.start().toEpochMilli();
                long to = fault.recovered().toEpochMilli();
                List<Trades.Record> window = topic.stream().filter(r -> r.kafkaMillis() >= from && r.kafkaMillis() <= to).toList();
                long low = window.stream().mapToLong(Trades.Record::micros).min().orElse(Long.MAX_VALUE);
                long high = window.stream().mapToLong(Trades.Record::micros).max().orElse(Long.MIN_VALUE);
                long[] bars = compare(expected, actual, low, high);
                String recovery = fault.end().equals(fault.recovered()) ? "-"
                        : String.format(Locale.ROOT, "%.1f s", Duration.between(fault.end(), fault.recovered()).toMillis() / 1000.0);
                rows.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s |", fault.name(), window.size(),
                        lost(window), window.size() - Trades.unique(window).size(), bars[0], bars[1], bars[2], recovery));
            }
            long[] all = compare(expected, actual, Long.MIN_VALUE, Long.MAX_VALUE);
            barsMissing = all[0];
            barsExtra = all[1];
            barsDiffering = all[2];
            long acknowledged = producer.acknowledgedTrades(fixture);
            long unique = Trades.unique(topic).size();
            long totalLost = acknowledged - unique + lost(topic);
            long totalDuplicated = topic.size() - unique;
            rows.add(String.format(Locale.ROOT, "| **whole run** | %d (the producer acknowledged %d) | %d | %d | %d | %d | %d | |",
                    topic.size(), acknowledged, totalLost, totalDuplicated, barsMissing, barsExtra, barsDiffering));
            StringBuilder summary = new StringBuilder("scale " + SCALE.name() + "; " + expected.size()
                    + " final 1s bars compared with an independent computation from the topic");
            notes.forEach((k, v) -> summary.append("; ").append(k).append(": ").append(v));
            return new Report(rows, totalLost, totalDuplicated, barsMissing, barsExtra, barsDiffering, summary.toString());
        }

        /** Sequences missing between the lowest and highest of each symbol among {@code records}. */
        private static long lost(List<Trades.Record> records) {
            Map<String, long[]> range = new HashMap<>();
            Map<String, java.util.Set<Long>> seen = new HashMap<>();
            for (Trades.Record r : records) {
                range.merge(r.symbol(), new long[] {r.sequence(), r.sequence()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                seen.computeIfAbsent(r.symbol(), s -> new java.util.HashSet<>()).add(r.sequence());
            }
            long lost = 0;
            for (Map.Entry<String, long[]> e : range.entrySet()) {
                lost += e.getValue()[1] - e.getValue()[0] + 1 - seen.get(e.getKey()).size();
            }
            return lost;
        }

        /** Bars starting in [low, high]: missing from InfluxDB, extra in it, with other values. */
        private static long[] compare(Map<ExpectedBars.Key, ExpectedBars.Bar> expected, Map<ExpectedBars.Key, ExpectedBars.Bar> actual,
                                      long low, long high) {
            long missing = 0;
            long extra = 0;
            long differing = 0;
            for (Map.Entry<ExpectedBars.Key, ExpectedBars.Bar> e : expected.entrySet()) {
                long start = e.getKey().startMicros();
                if (start < low - 1_000_000L || start > high) {
                    continue;
                }
                ExpectedBars.Bar bar = actual.get(e.getKey());
                if (bar == null) {
                    missing++;
                } else if (!sameBar(bar, e.getValue())) {
                    differing++;
                }
            }
            for (ExpectedBars.Key key : actual.keySet()) {
                if (key.startMicros() >= low - 1_000_000L && key.startMicros() <= high && !expected.containsKey(key)) {
                    extra++;
                }
            }
            return new long[] {missing, extra, differing};
        }

        private static boolean sameBar(ExpectedBars.Bar a, ExpectedBars.Bar b) {
            return a.open() == b.open() && a.high() == b.high() && a.low() == b.low() && a.close() == b.close()
                    && a.volume() == b.volume() && a.tradeCount() == b.tradeCount()
                    && Math.abs(a.vwap() - b.vwap()) <= 1e-9 * Math.abs(b.vwap());
        }

        void print() throws IOException {
            String text = String.join("\n", rows) + "\n\n" + summary + "\n";
            System.out.println("\n== fault suite on the cluster ==\n" + text);
            Files.writeString(Path.of("target", "reliability.md"), text);
        }
    }
}
