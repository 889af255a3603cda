package io.tickpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench-batch}: trades/s of {@code spark-batch analyze} ({@link AnalyzeTimed}) against the
 * plain Spark batch job a user would write instead ({@link PlainSparkOhlcv}, whose Javadoc says what
 * it leaves out), over the same trades, first from Kafka ({@code --source kafka} against Spark's
 * Kafka source and {@code from_avro}), then from the Parquet archive ({@code --source archive}
 * against {@code spark.read().parquet}). Target: ours at least 0.8x the baseline on each source.
 *
 * <p>On a stack of its own ({@link StreamRig}): topics created by {@code tickpipe topics create}
 * (6 partitions), then {@code tickpipe produce --source sim --rate 0} with a fixed seed and start
 * time, as many events as make the wanted number of trades (40% of the simulation's events are
 * trades; the rest are quotes, on their own topic). With {@code --rate 0} the simulation's events are
 * one microsecond apart, so all of them fall within seconds of event time: a bar per symbol and
 * interval, one day to archive. What is measured is reading, decoding and aggregating the trades.
 * For the archive source, {@code spark-batch archive} archives the produced day first (timed for
 * context only).
 *
 * <p>Each run is a JVM of its own, started as {@code make analyze} starts the job (spark-submit of
 * spark-batch.jar through {@code SparkSubmit}, the flags of jvm/java17.args, {@code local[2]}), with
 * the same JVM options and Spark settings for both sides; only the main class and its arguments
 * differ. Each side times its own work, from its SparkSession being ready to its outputs written
 * ({@link SideTiming}), so JVM and Spark start-up count for neither; trades/s = trades read / those
 * seconds. Peak RSS is the driver JVM's VmHWM ({@link PeakRss}). Per source: one uncounted warm-up
 * pair (it fills the page cache and warms the broker), then alternating rounds (ours, baseline, ours,
 * ...), medians, ratio. Every run writes to a fresh output directory, deleted after it.
 *
 * <p>Properties ({@code -D}): {@code bench.trades} (10,000,000), {@code bench.symbols} (100),
 * {@code bench.rounds} (3), {@code bench.seed} (1), {@code bench.startTime} (2026-03-02T14:30:00Z),
 * {@code bench.master} ({@code local[2]}), {@code bench.jvmOpts} (the runs' JVM options, {@code -Xmx1g}
 * as {@code make analyze}), {@code bench.sources} ({@code kafka,archive}), {@code bench.eventLog}
 * (true: each run writes Spark's event log under bench/target/bench-batch-logs, to see where time goes).
 */
public final class BatchBench {
    static final Path BATCH_JAR = Path.of("spark-batch/target/spark-batch.jar");
    static final Path BATCH_CLASSPATH = Path.of("spark-batch/target/spark.classpath");
    static final Path BENCH_JAR = Path.of("bench/target/bench.jar");
    static final double TARGET = 0.8;
    private static final String PREFIX = "bench";
    private static final String TRADES_TOPIC = PREFIX + ".trades";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(40);
    private static final Pattern ARCHIVED = Pattern.compile("^trades \\d{4}-\\d{2}-\\d{2}: (\\d+) records archived");

    private final StreamRig rig;
    private final String master;
    private final List<String> jvmOptions;
    private final boolean eventLog;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private int runs;

    private BatchBench(StreamRig rig, String master, List<String> jvmOptions, boolean eventLog) {
        this.rig = rig;
        this.master = master;
        this.jvmOptions = jvmOptions;
        this.eventLog = eventLog;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        long wantedTrades = Long.getLong("bench.trades", 10_000_000L);
        int symbols = Integer.getInteger("bench.symbols", 100);
        int rounds = Integer.getInteger("bench.rounds", 3);
        long seed = Long.getLong("bench.seed", 1L);
        Instant start = Instant.parse(System.getProperty("bench.startTime", "2026-03-02T14:30:00Z"));
        String master = System.getProperty("bench.master", "local[2]");
        List<String> jvmOptions = words(System.getProperty("bench.jvmOpts", "-Xmx1g"));
        List<String> sources = List.of(System.getProperty("bench.sources", "kafka,archive").split(","));
        boolean eventLog = Boolean.getBoolean("bench.eventLog");
        for (String source : sources) {
            if (!source.equals("kafka") && !source.equals("archive")) {
                throw new IllegalArgumentException("bench.sources: kafka and/or archive, not " + source);
            }
        }
        System.out.println("load average at start: " + loadAverage());

        List<BatchBenchReport.Result> results = new ArrayList<>();
        long trades;
        try (StreamRig rig = StreamRig.start("bench-batch", List.of(StreamRig.CLI_JAR, BATCH_JAR, BATCH_CLASSPATH, BENCH_JAR,
                StreamRig.JOB_JVM_OPTIONS, StreamRig.JOB_LOG4J), "bench,spark-batch,producer-cli")) {
            BatchBench bench = new BatchBench(rig, master, jvmOptions, eventLog);
            long events = Math.round(wantedTrades / StreamRig.TRADE_SHARE);
            trades = bench.produce(events, symbols, seed, start);
            Path archiveDir = rig.stackDir().resolve("archive");
            for (String source : sources) {
                if (source.equals("archive")) {
                    // The simulation's events are a microsecond apart: its days are those of the first and last.
                    LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
                    LocalDate last = LocalDate.ofInstant(start.plus(events, ChronoUnit.MICROS), ZoneOffset.UTC);
                    bench.archive(archiveDir, first, last, trades);
                }
                results.add(bench.measure(source, rounds, trades, archiveDir));
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "== BatchBench: %,d trades over %d symbols (seed %d, from %s), %d alternating rounds "
                        + "after a warm-up pair; each run: spark-submit of spark-batch.jar, %s, JVM %s ==%n", trades, symbols, seed,
                start, rounds, master, String.join(" ", jvmOptions));
        System.out.println("ours: spark-batch analyze --intervals 1m,1d --output-dir (bars, indicators, anomalies, summary, "
                + "correlation in Parquet); baseline: plain Spark, OHLCV at 1m and 1d with groupBy(symbol, window) into Parquet");
        BatchBenchReport.table(results, TARGET).forEach(System.out::println);
        for (BatchBenchReport.Result r : results) {
            System.out.printf(Locale.ROOT, "%s rounds, trades/s: ours %s, baseline %s%n", r.source(),
                    BatchBenchReport.rates(r.ours()), BatchBenchReport.rates(r.baseline()));
        }
        System.out.println("load average at end: " + loadAverage());
    }

    /** Topics and schemas, then the simulation's events; returns the trades in the trades topic. */
    private long produce(long events, int symbols, long seed, Instant start) throws IOException, InterruptedException {
        rig.createTopicsAndSchemas(PREFIX);
        System.out.printf(Locale.ROOT, "producing %,d events (quotes and trades) over %d symbols, seed %d, from %s%n", events,
                symbols, seed, start);
        Path log = rig.runCli("produce", List.of("produce", "--source", "sim", "--rate", "0", "--count", Long.toString(events),
                "--seed", Long.toString(seed), "--start-time", start.toString(), "--symbols", StreamRig.symbols(symbols),
                "--topic-prefix", PREFIX, "--bootstrap-servers", rig.bootstrap(), "--schema-registry", rig.registry(),
                "--quiet"), RUN_TIMEOUT);
        Matcher summary = StreamRig.SUMMARY.matcher(StreamRig.tail(log, 20));
        if (!summary.find() || Long.parseLong(summary.group(2)) != events || Long.parseLong(summary.group(3)) != 0) {
            throw new IllegalStateException("the producer did not deliver " + events + " events:\n" + StreamRig.tail(log, 20));
        }
        long trades = rig.endOffsetSum(List.of(TRADES_TOPIC));
        System.out.printf(Locale.ROOT, "produced %,d events in %s s (%s events/s): %,d trades in %s%n", events,
                summary.group(4), summary.group(5), trades, TRADES_TOPIC);
        return trades;
    }

    /** {@code spark-batch archive} of the days, as {@code make archive} runs it; checks it archived every trade. */
    private void archive(Path archiveDir, LocalDate first, LocalDate last, long trades) throws IOException, InterruptedException {
        Side archive = run("archive", "io.tickpipe.batch.BatchJob", List.of("archive", "--from", first.toString(), "--to",
                last.toString(), "--archive-dir", archiveDir.toString(), "--bootstrap-servers", rig.bootstrap(),
                "--schema-registry", rig.registry(), "--topic-prefix", PREFIX));
        long archived = archive.output().stream().map(ARCHIVED::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        if (archived != trades) {
            throw new IllegalStateException("archive wrote " + archived + " trades of " + trades + ":\n"
                    + String.join("\n", archive.output().subList(Math.max(0, archive.output().size() - 30), archive.output().size())));
        }
        System.out.printf(Locale.ROOT, "archived %,d trades of %s..%s into %s (spark-batch archive, process wall %.1f s, "
                + "peak RSS %,d MB)%n", archived, first, last, archiveDir, archive.wallSeconds(), archive.peakRssKb() / 1024);
    }

    /** The warm-up pair, then {@code rounds} alternating pairs over one source. */
    private BatchBenchReport.Result measure(String source, int rounds, long trades, Path archiveDir)
            throws IOException, InterruptedException {
        List<String> ourArgs = new ArrayList<>(List.of("analyze", "--source", source));
        List<String> baseArgs = new ArrayList<>();
        if (source.equals("kafka")) {
            ourArgs.addAll(List.of("--bootstrap-servers", rig.bootstrap(), "--schema-registry", rig.registry(),
                    "--topic-prefix", PREFIX));
            baseArgs.addAll(List.of("kafka", rig.bootstrap(), TRADES_TOPIC));
        } else {
            ourArgs.addAll(List.of("--archive-dir", archiveDir.toString()));
            baseArgs.addAll(List.of("parquet", archiveDir.resolve("trades").toString()));
        }
        ourArgs.addAll(List.of("--intervals", "1m,1d"));
        List<BatchBenchReport.Run> ours = new ArrayList<>();
        List<BatchBenchReport.Run> baseline = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            BatchBenchReport.Run our = timed(source + " " + label + " ours", AnalyzeTimed.class.getName(), ourArgs,
                    List.of("--output-dir"), trades);
            BatchBenchReport.Run base = timed(source + " " + label + " baseline", PlainSparkOhlcv.class.getName(), baseArgs,
                    List.of(), trades);
            if (round > 0) {
                ours.add(our);
                baseline.add(base);
            }
        }
        return new BatchBenchReport.Result(source, ours, baseline);
    }

    /**
     * One side's run with a fresh output directory appended to {@code args} (after {@code outputFlag}, if
     * any), deleted after the run; checks the side saw every trade and prints its figures.
     */
    private BatchBenchReport.Run timed(String label, String mainClass, List<String> args, List<String> outputFlag, long trades)
            throws IOException, InterruptedException {
        Path output = rig.stackDir().resolve("output-" + (runs + 1));
        List<String> withOutput = new ArrayList<>(args);
        withOutput.addAll(outputFlag);
        withOutput.add(output.toString());
        try {
            Side side = run(label, mainClass, withOutput);
            SideTiming timing = SideTiming.find(side.output(), side.log().toString());
            if (timing.trades() != trades) {
                throw new IllegalStateException(label + ": its 1d bars hold " + timing.trades() + " trades, not the " + trades
                        + " written (" + side.log() + ")");
            }
            BatchBenchReport.Run run = new BatchBenchReport.Run(timing.seconds(), timing.trades(), side.peakRssKb());
            System.out.printf(Locale.ROOT, "%-24s %7.1f s  %,10.0f trades/s  (process wall %.1f s; peak RSS %,d MB; %s)%n", label,
                    run.seconds(), run.tradesPerSecond(), side.wallSeconds(), run.peakRssKb() / 1024, side.cpu());
            return run;
        } finally {
            StreamRig.deleteTree(output);
        }
    }

    /**
     * What one spark-submit run left: its output lines, its log, its wall time, peak RSS, and the CPU
     * its JVM (with the stack) and the machine's other processes used while it ran.
     */
    private record Side(List<String> output, Path log, double wallSeconds, long peakRssKb, String cpu) {
    }

    /**
     * {@code mainClass} with {@code args} in a JVM of its own, as {@code make analyze} starts the job:
     * SparkSubmit of spark-batch.jar (bench.jar added for the bench's main classes) on the job's Spark
     * classpath, Spark's UI off (it would listen on every interface). Samples the JVM's peak RSS until
     * it exits; a run that fails or outlasts {@link #RUN_TIMEOUT} fails the benchmark.
     */
    private Side run(String label, String mainClass, List<String> args) throws IOException, InterruptedException {
        int n = ++runs;
        Path log = rig.logDir().resolve(String.format(Locale.ROOT, "%02d-%s.log", n, label.replace(' ', '-')));
        List<String> command = new ArrayList<>(List.of(java, "@" + StreamRig.JOB_JVM_OPTIONS));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + StreamRig.JOB_LOG4J.toAbsolutePath(),
                "-cp", Files.readString(BATCH_CLASSPATH).trim(), "org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--conf", "spark.ui.enabled=false"));
        if (eventLog) {
            Path events = rig.logDir().resolve(String.format(Locale.ROOT, "spark-events-%02d", n));
            if (Files.exists(events)) {
                StreamRig.deleteTree(events); // a previous benchmark's log of run n
            }
            Files.createDirectories(events);
            command.addAll(List.of("--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                    "--conf", "spark.eventLog.compress=false"));
        }
        command.addAll(List.of("--class", mainClass, "--jars", BENCH_JAR.toAbsolutePath().toString(),
                BATCH_JAR.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long started = System.nanoTime();
        Process process = rig.track(builder.start());
        // CPU snapshots while the JVM is alive: once it exited, its ticks no longer count as this benchmark's.
        StreamRig.Cpu cpuFrom = StreamRig.Cpu.now();
        StreamRig.Cpu cpuTo = null;
        long peakRssKb = 0;
        try {
            for (int tick = 1; !process.waitFor(20, TimeUnit.MILLISECONDS); tick++) {
                peakRssKb = Math.max(peakRssKb, PeakRss.kb(process.pid()));
                if (tick % 50 == 0) {
                    cpuTo = StreamRig.Cpu.now();
                }
                if (System.nanoTime() - started > RUN_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(label + " still running after " + RUN_TIMEOUT.toMinutes() + " minutes:\n"
                            + StreamRig.tail(log, 40));
                }
            }
        } finally {
            rig.stop(process);
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(label + " exited with " + process.exitValue() + ":\n" + StreamRig.tail(log, 60));
        }
        return new Side(Files.readAllLines(log), log, wallSeconds, peakRssKb,
                cpuTo == null ? "CPU use unknown (under a second)" : StreamRig.Cpu.between(cpuFrom, cpuTo));
    }

    private static List<String> words(String text) {
        return List.of(text.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
