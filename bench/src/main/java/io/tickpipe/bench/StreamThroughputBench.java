package io.tickpipe.bench;

import io.tickpipe.spark.checkpoint.QueryCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code make bench-stream-throughput}: trades/s of the streaming job catching up on a backlog
 * (spark-stream with {@code --raw=false}: 1s and 1m bars, indicators, anomalies, into InfluxDB)
 * against the plain Structured Streaming job a user would write for the bars alone
 * ({@link PlainStreamingOhlcv}, whose Javadoc says what it leaves out), over the same trades topic.
 * Target: ours at least 1.0x the baseline.
 *
 * <p>On a stack of its own ({@link StreamRig}): topics by {@code tickpipe topics create}, then
 * {@code tickpipe produce --source sim --rate R --speed 0} with a fixed seed and start time: event
 * times R events per second apart (a live market's pace), sent as fast as possible, as many events
 * as make the wanted number of trades. The simulation has no trades-only mode; its quotes are then
 * deleted from the quotes topic (Kafka's deleteRecords) so that both sides read trades only: ours'
 * ingest query still reads every trade and, with {@code --raw=false}, only checks it (looking for
 * dead letters, building no record) and writes none of them.
 *
 * <p>Each run is a JVM of its own, started the way {@code make stream} starts the job (SparkSubmit on
 * spark-stream's Spark classpath, the flags of jvm/java17.args, -Xmx1g, {@link StreamRig#master()}),
 * from the earliest offsets on a fresh checkpoint; only the main class and its arguments differ.
 * The baseline gets {@code spark.sql.shuffle.partitions} = the cores, the value ours sets itself
 * (Spark's default of 200 state stores per batch would make it a straw man).
 *
 * <p>Timing, the same for both sides, from the checkpoints (file times, sampled every 200 ms): from
 * the first micro-batch's start (the first {@code offsets/0} of the side's queries) to the commit of
 * the micro-batch after the one that reached the trades topic's end offsets, for the slowest of the
 * measured queries (ours: analytics; baseline: both its queries). That next batch is the watermark's:
 * there ours turns its bars final and computes their indicators and anomalies, and the baseline evicts
 * its state. The time to the end offsets' commit is printed too. So JVM and Spark start-up count for
 * neither side. Peak RSS is the JVM's VmHWM ({@link PeakRss}). Beside the time, the CPU seconds each
 * side's JVM used while measured (from /proc): other sessions on the machine stretch wall times far
 * more than they change CPU time. Both sides write Spark's event log (uncompressed) to a directory of
 * their own under bench/target/bench-stream-throughput-logs, to see where the time went.
 *
 * <p>Every run must have seen every trade: ours' 1s and 1m bars in InfluxDB (dropped before each run)
 * must sum to the trades written; the baseline's queries observe the trades in the bars they emit
 * ({@link PlainStreamingOhlcv}), which must sum to the same. Both checks read after the timing.
 *
 * <p>Properties ({@code -D}): {@code bench.trades} (10,000,000), {@code bench.symbols} (100),
 * {@code bench.rounds} (3, after one uncounted warm-up pair), {@code bench.eventRate} (50,000 events/s
 * of event time, 40% trades), {@code bench.seed} (1), {@code bench.startTime} (2026-03-02T14:30:00Z),
 * {@code bench.master}, {@code bench.trigger} (the baseline's, "250 milliseconds" as ours' default),
 * {@code bench.jobArgs} (more options for ours, after {@code --raw=false}), {@code bench.runTimeoutMinutes} (30).
 */
public final class StreamThroughputBench {
    static final double TARGET = 1.0;
    static final Path BENCH_JAR = Path.of("bench/target/bench.jar");
    private static final String PREFIX = "tp";
    private static final String TRADES_TOPIC = PREFIX + ".trades";
    private static final String QUOTES_TOPIC = PREFIX + ".quotes";

    private final StreamRig rig;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<String> ourArgs;
    private final String trigger;
    private final Duration runTimeout;
    private Map<TopicPartition, Long> endOffsets;
    private long trades;
    private int baselineRuns;

    /**
     * One side's run: seconds to the end offsets' commit, to the next batch's commit, CPU seconds its
     * JVM used meanwhile, peak RSS, the machine's CPU use.
     */
    record Run(double dataSeconds, double seconds, double cpuSeconds, long peakRssKb, String cpu) {
    }

    private StreamThroughputBench(StreamRig rig) {
        this.rig = rig;
        this.ourArgs = new ArrayList<>(List.of("--raw=false"));
        this.ourArgs.addAll(StreamFreshnessBench.jobArgs());
        this.trigger = System.getProperty("bench.trigger", "250 milliseconds");
        this.runTimeout = Duration.ofMinutes(Long.getLong("bench.runTimeoutMinutes", 30));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = 1;
        try (StreamRig rig = StreamRig.start("bench-stream-throughput", List.of(StreamRig.CLI_JAR, StreamRig.JOB_JAR,
                StreamRig.JOB_CLASSPATH, StreamRig.JOB_JVM_OPTIONS, StreamRig.JOB_LOG4J, BENCH_JAR), "bench,spark-stream,producer-cli")) {
            new StreamThroughputBench(rig).run();
            exit = 0;
        } finally {
            System.exit(exit);
        }
    }

    private void run() throws Exception {
        long wantedTrades = Long.getLong("bench.trades", 10_000_000L);
        int symbols = Integer.getInteger("bench.symbols", 100);
        int rounds = Integer.getInteger("bench.rounds", 3);
        double eventRate = Double.parseDouble(System.getProperty("bench.eventRate", "50000"));
        long seed = Long.getLong("bench.seed", 1L);
        Instant start = Instant.parse(System.getProperty("bench.startTime", "2026-03-02T14:30:00Z"));
        System.out.println("load average at start: " + loadAverage());

        produce(Math.round(wantedTrades / StreamRig.TRADE_SHARE), symbols, eventRate, seed, start);
        List<Run> ours = new ArrayList<>();
        List<Run> baseline = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            Run our = ours(label + " ours");
            Run base = baseline(label + " baseline");
            if (round > 0) {
                ours.add(our);
                baseline.add(base);
            }
        }

        double ourSeconds = StreamRig.median(ours.stream().map(Run::seconds).toList());
        double baseSeconds = StreamRig.median(baseline.stream().map(Run::seconds).toList());
        double ourData = StreamRig.median(ours.stream().map(Run::dataSeconds).toList());
        double baseData = StreamRig.median(baseline.stream().map(Run::dataSeconds).toList());
        double ourCpu = StreamRig.median(ours.stream().map(Run::cpuSeconds).toList());
        double baseCpu = StreamRig.median(baseline.stream().map(Run::cpuSeconds).toList());
        System.out.println();
        System.out.printf(Locale.ROOT, "== StreamThroughputBench: %,d trades over %d symbols (seed %d, event times from %s at "
                + "%.0f events/s), %d alternating rounds after a warm-up pair; each run: SparkSubmit on spark-stream's "
                + "classpath, %s, -Xmx1g, fresh checkpoint, earliest offsets ==%n", trades, symbols, seed, start, eventRate,
                rounds, StreamRig.master());
        System.out.println("ours: spark-stream " + String.join(" ", ourArgs) + " (1s and 1m bars, indicators, anomalies into "
                + "InfluxDB); baseline: plain Structured Streaming, from_avro, OHLCV 1s and 1m with groupBy(symbol, window), "
                + "update mode, noop sink, trigger " + trigger);
        System.out.println("timed: first micro-batch's start -> commit of the batch after the one that reached the end offsets "
                + "(in brackets: -> the end offsets' commit)");
        System.out.printf(Locale.ROOT, "ours      median %7.1f s  %,10.0f trades/s  (%.1f s, %,.0f trades/s)  JVM CPU %.1f s  "
                + "peak RSS %,d MB%n", ourSeconds, trades / ourSeconds, ourData, trades / ourData, ourCpu, medianRssMb(ours));
        System.out.printf(Locale.ROOT, "baseline  median %7.1f s  %,10.0f trades/s  (%.1f s, %,.0f trades/s)  JVM CPU %.1f s  "
                + "peak RSS %,d MB%n", baseSeconds, trades / baseSeconds, baseData, trades / baseData, baseCpu, medianRssMb(baseline));
        double ratio = baseSeconds / ourSeconds;
        System.out.printf(Locale.ROOT, "ratio ours / baseline (trades/s) = %.3f  (target >= %.2f: %s); to the end offsets' "
                + "commit: %.3f%n", ratio, TARGET, ratio >= TARGET ? "met" : "NOT met", baseData / ourData);
        System.out.printf(Locale.ROOT, "JVM CPU seconds ours / baseline = %.3f (median of each side's runs)%n", ourCpu / baseCpu);
        System.out.println("rounds, trades/s: ours " + rates(ours) + ", baseline " + rates(baseline));
        System.out.println("load average at end: " + loadAverage());
    }

    /** Topics, schemas, the simulation's events; then its quotes deleted: the trades topic is the backlog. */
    private void produce(long events, int symbols, double eventRate, long seed, Instant start)
            throws IOException, InterruptedException, ExecutionException {
        rig.createTopicsAndSchemas(PREFIX);
        System.out.printf(Locale.ROOT, "producing %,d events (quotes and trades) over %d symbols, seed %d, event times from %s "
                + "at %.0f events/s, sent as fast as possible%n", events, symbols, seed, start, eventRate);
        Path log = rig.runCli("produce", List.of("produce", "--source", "sim", "--rate", String.format(Locale.ROOT, "%.0f",
                        eventRate), "--speed", "0", "--count", Long.toString(events), "--seed", Long.toString(seed),
                "--start-time", start.toString(), "--symbols", StreamRig.symbols(symbols), "--topic-prefix", PREFIX,
                "--bootstrap-servers", rig.bootstrap(), "--schema-registry", rig.registry(), "--quiet"), runTimeout);
        Matcher summary = StreamRig.SUMMARY.matcher(StreamRig.tail(log, 20));
        if (!summary.find() || Long.parseLong(summary.group(2)) != events || Long.parseLong(summary.group(3)) != 0) {
            throw new IllegalStateException("the producer did not deliver " + events + " events:\n" + StreamRig.tail(log, 20));
        }
        endOffsets = rig.endOffsets(List.of(TRADES_TOPIC));
        trades = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        Map<TopicPartition, Long> quotes = rig.endOffsets(List.of(QUOTES_TOPIC));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap()))) {
            admin.deleteRecords(quotes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> RecordsToDelete.beforeOffset(e.getValue())))).all().get();
        }
        System.out.printf(Locale.ROOT, "produced %,d events in %s s (%s events/s): %,d trades in %s; its %,d quotes deleted "
                + "from %s%n", events, summary.group(4), summary.group(5), trades, TRADES_TOPIC,
                quotes.values().stream().mapToLong(Long::longValue).sum(), QUOTES_TOPIC);
    }

    /** The streaming job as {@code make stream} starts it, with {@code --raw=false}; checks its bars in InfluxDB. */
    private Run ours(String label) throws IOException, InterruptedException {
        for (String measurement : List.of("bars", "indicators", "anomalies")) {
            try {
                rig.influx().execute("DROP MEASUREMENT " + measurement);
            } catch (RuntimeException notThereYet) {
                // The first run: nothing written yet.
            }
        }
        StreamRig.Job job = rig.startJob(PREFIX, ourArgs);
        Run run;
        try {
            run = watch(label, job.process, job.log, job.checkpoint, List.of("analytics", "ingest"), List.of("analytics"));
        } finally {
            job.stop();
        }
        for (String interval : List.of("1s", "1m")) {
            long inBars = Math.round(rig.influx().single("SELECT sum(trade_count) FROM bars WHERE \"interval\"='" + interval + "'")
                    .orElse(0.0));
            if (inBars != trades) {
                throw new IllegalStateException(label + ": its " + interval + " bars in InfluxDB hold " + inBars + " trades, not the "
                        + trades + " written (" + job.log + ")");
            }
        }
        return run;
    }

    /** {@link PlainStreamingOhlcv} in its own JVM, started the same way; checks the trades its bars observed. */
    private Run baseline(String label) throws IOException, InterruptedException {
        int n = ++baselineRuns;
        Path checkpoint = rig.stackDir().resolve("baseline-checkpoints-" + n);
        Path log = rig.logDir().resolve("baseline-" + n + ".log");
        // Spark's event log as the rig gives ours: the same cost on both sides, and where the time went.
        Path eventLogDir = rig.logDir().resolve("spark-events-baseline-" + n);
        if (Files.exists(eventLogDir)) {
            StreamRig.deleteTree(eventLogDir);
        }
        Files.createDirectories(eventLogDir);
        List<String> command = new ArrayList<>(List.of(java, "@" + StreamRig.JOB_JVM_OPTIONS, "-Xmx1g",
                "-Dlog4j2.configurationFile=" + StreamRig.JOB_LOG4J.toAbsolutePath(),
                "-cp", Files.readString(StreamRig.JOB_CLASSPATH).trim(),
                "org.apache.spark.deploy.SparkSubmit", "--master", StreamRig.master(),
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + eventLogDir.toUri(),
                "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.sql.shuffle.partitions=" + Runtime.getRuntime().availableProcessors(),
                "--class", PlainStreamingOhlcv.class.getName(), "--jars", BENCH_JAR.toAbsolutePath().toString(),
                StreamRig.JOB_JAR.toString(), rig.bootstrap(), TRADES_TOPIC, checkpoint.toString(), trigger));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        System.out.println("baseline " + n + ": PlainStreamingOhlcv on " + TRADES_TOPIC + " (log " + log.getFileName() + ")");
        Process process = rig.track(builder.start());
        List<String> queries = List.of("bars_1s", "bars_1m");
        Run run;
        try {
            run = watch(label, process, log, checkpoint, queries, queries);
        } finally {
            rig.stop(process);
        }
        Map<String, Long> observed = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PlainStreamingOhlcv.PROGRESS.matcher(line);
            if (m.matches()) {
                observed.merge(m.group(1), Long.parseLong(m.group(4)), Long::sum);
            }
        }
        for (String query : queries) {
            long seen = observed.getOrDefault(query, 0L);
            if (seen != trades) {
                throw new IllegalStateException(label + ": query " + query + " emitted bars of " + seen + " trades, not the " + trades
                        + " written (" + log + ")");
            }
        }
        return run;
    }

    /**
     * Waits until each of the {@code measured} queries under {@code checkpointRoot} has committed the
     * batch after the one that reached the end offsets; times the side from its checkpoints' files.
     */
    private Run watch(String label, Process process, Path log, Path checkpointRoot, List<String> started, List<String> measured)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + runTimeout.toNanos();
        Map<String, Long> reached = new HashMap<>();
        StreamRig.Cpu cpuFrom = StreamRig.Cpu.now();
        long peakRssKb = 0;
        long startTicks = -1;
        long ticks;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + ":\n" + StreamRig.tail(log, 60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + " had not caught up after " + runTimeout.toMinutes() + " minutes:\n"
                        + StreamRig.tail(log, 40));
            }
            peakRssKb = Math.max(peakRssKb, PeakRss.kb(process.pid()));
            ticks = StreamRig.Cpu.ticks(process.pid());
            if (startTicks < 0 && started.stream().anyMatch(q -> Files.exists(checkpointRoot.resolve(q).resolve("offsets/0")))) {
                startTicks = ticks;
            }
            boolean done = true;
            for (String query : measured) {
                Path dir = checkpointRoot.resolve(query);
                if (!reached.containsKey(query)) {
                    findBatchReachingEnd(dir).ifPresent(batch -> reached.put(query, batch));
                }
                done &= reached.containsKey(query) && Files.exists(dir.resolve("commits").resolve(Long.toString(reached.get(query) + 1)));
            }
            if (done) {
                break;
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        StreamRig.Cpu cpuTo = StreamRig.Cpu.now();
        long startMillis = Long.MAX_VALUE;
        for (String query : started) {
            Path first = checkpointRoot.resolve(query).resolve("offsets").resolve("0");
            if (Files.exists(first)) {
                startMillis = Math.min(startMillis, Files.getLastModifiedTime(first).toMillis());
            }
        }
        long dataMillis = 0;
        long endMillis = 0;
        for (String query : measured) {
            Path commits = checkpointRoot.resolve(query).resolve("commits");
            long batch = reached.get(query);
            dataMillis = Math.max(dataMillis, Files.getLastModifiedTime(commits.resolve(Long.toString(batch))).toMillis());
            endMillis = Math.max(endMillis, Files.getLastModifiedTime(commits.resolve(Long.toString(batch + 1))).toMillis());
        }
        // Sampled at most 200 ms after the first batch started and after the last commit: the JVM's CPU
        // meanwhile, a figure other processes on the machine change less than the wall time.
        Run run = new Run((dataMillis - startMillis) / 1000.0, (endMillis - startMillis) / 1000.0,
                (ticks - startTicks) / 100.0, peakRssKb, StreamRig.Cpu.between(cpuFrom, cpuTo));
        System.out.printf(Locale.ROOT, "%-18s %7.1f s  %,10.0f trades/s  (end offsets committed after %.1f s; batches to them %s; "
                + "JVM CPU %.1f s; peak RSS %,d MB; %s)%n", label, run.seconds(), trades / run.seconds(), run.dataSeconds(),
                measured.stream().map(q -> q + " " + (reached.get(q) + 1)).collect(Collectors.joining(", ")),
                run.cpuSeconds(), peakRssKb / 1024, run.cpu());
        return run;
    }

    /** The first committed batch of the query whose offsets reach the trades topic's end offsets. */
    private OptionalLong findBatchReachingEnd(Path queryCheckpoint) {
        if (!Files.exists(queryCheckpoint.resolve("commits"))) {
            return OptionalLong.empty();
        }
        try {
            QueryCheckpoint checkpoint = new QueryCheckpoint(queryCheckpoint);
            OptionalLong last = checkpoint.lastCommitted();
            if (last.isEmpty()) {
                return last;
            }
            for (long batch = 0; batch <= last.getAsLong(); batch++) {
                Map<TopicPartition, Long> offsets = checkpoint.kafkaOffsets(batch);
                boolean atEnd = endOffsets.entrySet().stream()
                        .allMatch(e -> offsets.getOrDefault(e.getKey(), 0L) >= e.getValue());
                if (atEnd) {
                    return OptionalLong.of(batch);
                }
            }
        } catch (UncheckedIOException | IllegalArgumentException | IndexOutOfBoundsException racingAWrite) {
            // A file being written: the next sample reads it.
        }
        return OptionalLong.empty();
    }

    private static long medianRssMb(List<Run> runs) {
        return Math.round(StreamRig.median(runs.stream().map(Run::peakRssKb).toList()) / 1024);
    }

    private String rates(List<Run> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", trades / r.seconds())).toList().toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
