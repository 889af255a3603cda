package io.tickpipe.bench;

import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.spark.checkpoint.QueryCheckpoint;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.StackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the streaming benchmarks (and {@link BatchBench}) run against: their own {@link LocalStack}
 * (Kafka, registry, InfluxDB) in a temporary directory, the producer CLI and the jobs as child
 * processes, started the way {@code make produce} and {@code make stream} start them. Every child is
 * tracked and stopped by its own {@link Process} handle (its pid) on {@link #close()}, which also runs
 * from a shutdown hook, so Ctrl-C or a failure leaves nothing running. Logs of the children go to
 * {@code bench/target/<name>-logs/} and stay there; the stack's directory is deleted.
 *
 * <p>Paths are relative to the repository root, where the make targets run.
 */
final class StreamRig implements AutoCloseable {
    static final Path CLI_JAR = Path.of("producer-cli/target/producer-cli.jar");
    static final Path JOB_JAR = Path.of("spark-stream/target/spark-stream.jar");
    static final Path JOB_JVM_OPTIONS = Path.of("jvm/java17.args");
    static final Path JOB_CLASSPATH = Path.of("spark-stream/target/spark.classpath");
    static final Path JOB_LOG4J = Path.of("spark-stream/conf/log4j2.properties");
    /** The simulation's mix (SimulatedMarket.QUOTE_SHARE = 0.6): 40% of its events are trades. */
    static final double TRADE_SHARE = 0.4;

    /** The last line of {@code tickpipe produce}: events sent, acknowledged, failed, seconds, events/s. */
    static final Pattern SUMMARY = Pattern.compile(
            "summary: (\\d+) events sent, (\\d+) acknowledged, (\\d+) failed in ([\\d.]+) s \\(([\\d.]+) events/s\\)");

    private final Path stackDir;
    private final Path logDir;
    private final LocalStack stack;
    private final InfluxConfig influxConfig;
    private final InfluxQl influx;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread hook;
    private KafkaConsumer<byte[], byte[]> offsetsConsumer;
    private boolean closed;
    private int jobs;

    private StreamRig(Path stackDir, Path logDir, LocalStack stack) {
        this.stackDir = stackDir;
        this.logDir = logDir;
        this.stack = stack;
        this.influxConfig = InfluxConfig.fromMap(Map.of("influx.url", stack.influxUrl(), "influx.db",
                stack.influxDatabase()), Map.of());
        this.influx = InfluxQl.of(influxConfig);
        this.hook = new Thread(this::closeQuietly, "stream-bench-stop");
    }

    /** Checks the streaming job's and the CLI's jars, starts a stack on free ports in a new temporary directory. */
    static StreamRig start(String name) throws IOException, InterruptedException {
        return start(name, List.of(CLI_JAR, JOB_JAR, JOB_JVM_OPTIONS, JOB_CLASSPATH, JOB_LOG4J), "bench,spark-stream,producer-cli");
    }

    /**
     * Checks that the {@code required} files exist ({@code modules}: the Maven modules that build
     * them, for the message), starts a stack on free ports in a new temporary directory.
     */
    static StreamRig start(String name, List<Path> required, String modules) throws IOException, InterruptedException {
        for (Path file : required) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing (run from the repository root after "
                        + "mvn -pl " + modules + " -am package -DskipTests)");
            }
        }
        Path logDir = Path.of("bench/target", name + "-logs").toAbsolutePath();
        Files.createDirectories(logDir);
        Path stackDir = Files.createTempDirectory("tickpipe-" + name + "-");
        System.out.println("starting the local stack in " + stackDir + " (logs of job and producer: " + logDir + ")");
        LocalStack stack;
        try {
            stack = LocalStack.start(stackDir, StackPorts.free());
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(stackDir);
            throw e;
        }
        StreamRig rig = new StreamRig(stackDir, logDir, stack);
        Runtime.getRuntime().addShutdownHook(rig.hook);
        return rig;
    }

    String bootstrap() {
        return stack.kafkaBootstrapServers();
    }

    String registry() {
        return stack.schemaRegistryUrl();
    }

    InfluxQl influx() {
        return influx;
    }

    /** The stack's InfluxDB with the job's defaults (database, batch size, retries), as the job is given it. */
    InfluxConfig influxConfig() {
        return influxConfig;
    }

    Path logDir() {
        return logDir;
    }

    /** The stack's temporary directory: what a benchmark puts here is deleted with it on {@link #close()}. */
    Path stackDir() {
        return stackDir;
    }

    static String symbols(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
    }

    /** {@code tickpipe topics create} and {@code schemas register} for {@code prefix}, as {@code make produce} does. */
    void createTopicsAndSchemas(String prefix) throws IOException, InterruptedException {
        runCli("topics-" + prefix, List.of("topics", "create", "--topic-prefix", prefix, "--bootstrap-servers", bootstrap()));
        runCli("schemas-" + prefix, List.of("schemas", "register", "--topic-prefix", prefix, "--schema-registry", registry()));
    }

    private void runCli(String label, List<String> args) throws IOException, InterruptedException {
        runCli(label, args, Duration.ofMinutes(2));
    }

    /** Runs the CLI with {@code args} to its end, within {@code timeout}; returns its log (output and errors). */
    Path runCli(String label, List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", CLI_JAR.toString()));
        command.addAll(args);
        Path log = logDir.resolve(label + ".log");
        Process process = track(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed:\n" + tail(log, 30));
            }
        } finally {
            stop(process);
        }
        return log;
    }

    /** The streaming job, one process, started like {@code make stream}. */
    final class Job {
        final Process process;
        final Path checkpoint;
        final Path log;
        final String prefix;
        /** Spark's event log directory of this job alone: {@link SparkEventLog} reads it once the job stopped. */
        final Path eventLogDir;

        private Job(Process process, Path checkpoint, Path log, String prefix, Path eventLogDir) {
            this.process = process;
            this.checkpoint = checkpoint;
            this.log = log;
            this.prefix = prefix;
            this.eventLogDir = eventLogDir;
        }

        /** Waits until both queries have started (Spark wrote their checkpoint metadata). */
        void awaitStarted(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!(Files.exists(checkpoint.resolve("analytics/metadata")) && Files.exists(checkpoint.resolve("ingest/metadata")))) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job's queries did not start within " + timeout.toSeconds() + " s:\n" + tail(log, 40));
                }
                Thread.sleep(200);
            }
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("the streaming job exited with " + process.exitValue() + ":\n" + tail(log, 60));
            }
        }

        /** Records of {@code topics} written but not yet in a committed batch of {@code query}; empty before its first commit. */
        OptionalLong lag(String query, List<String> topics) {
            Map<TopicPartition, Long> committed = committedOffsets(checkpoint.resolve(query));
            if (committed == null) {
                return OptionalLong.empty();
            }
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets(topics).entrySet()) {
                long done = committed.getOrDefault(end.getKey(), 0L);
                lag += Math.max(0, end.getValue() - done);
            }
            return OptionalLong.of(lag);
        }

        void stop() {
            StreamRig.this.stop(process);
        }
    }

    /** The Spark master of the jobs: {@code -Dbench.master}, else twice the cores, as {@code make stream}'s default. */
    static String master() {
        return System.getProperty("bench.master", "local[" + 2 * Runtime.getRuntime().availableProcessors() + "]");
    }

    /**
     * Starts the job on topics {@code prefix}.*, with a new checkpoint, exactly as {@code make stream}
     * does (SparkSubmit, twice the cores as task slots or {@code -Dbench.master}, -Xmx1g, its log4j2
     * file) except {@code spark.ui.enabled=false}: the UI would listen on every interface. Spark's
     * event log goes, uncompressed, to a directory of this job's own under the log directory: how
     * Spark planned the batches is read from Spark's own record of them, not from anything the job
     * would have to expose.
     */
    Job startJob(String prefix, List<String> extraArgs) throws IOException {
        int n = ++jobs;
        Path checkpoint = stackDir.resolve("checkpoints-" + n);
        Path log = logDir.resolve("job-" + n + ".log");
        Path eventLogDir = logDir.resolve("spark-events-job-" + n);
        if (Files.exists(eventLogDir)) {
            deleteTree(eventLogDir); // a previous run's log of job n
        }
        Files.createDirectories(eventLogDir); // Spark does not create it
        List<String> command = new ArrayList<>(List.of(java, "@" + JOB_JVM_OPTIONS, "-Xmx1g",
                "-Dlog4j2.configurationFile=" + JOB_LOG4J.toAbsolutePath(),
                "-cp", Files.readString(JOB_CLASSPATH).trim(),
                "org.apache.spark.deploy.SparkSubmit", "--master", master(),
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + eventLogDir.toUri(),
                "--conf", "spark.eventLog.compress=false",
                "--class", "io.tickpipe.stream.StreamJob", JOB_JAR.toString(),
                "--bootstrap-servers", bootstrap(), "--schema-registry", registry(),
                "--influx-url", stack.influxUrl(), "--influx-db", stack.influxDatabase(),
                "--topic-prefix", prefix, "--checkpoint-dir", checkpoint.toString()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        System.out.println("job " + n + ": spark-stream.jar on " + prefix + ".* " + String.join(" ", extraArgs)
                + " (log " + log.getFileName() + ")");
        return new Job(track(builder.start()), checkpoint, log, prefix, eventLogDir);
    }

    /** {@code tickpipe produce --source sim} at {@code eventsPerSecond} for {@code duration}, as {@code make produce} runs it. */
    final class Producer {
        final Process process;
        final Path log;
        final Instant started;

        private Producer(Process process, Path log, Instant started) {
            this.process = process;
            this.log = log;
            this.started = started;
        }

        /** Waits for the end of its --duration; returns the summary's events/s (the CLI's own figure). */
        double awaitSummary(Duration timeout) throws InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the producer did not end within " + timeout.toSeconds() + " s");
                }
            } finally {
                stop();
            }
            String output = tail(log, 20);
            Matcher m = SUMMARY.matcher(output);
            if (process.exitValue() != 0 || !m.find() || Long.parseLong(m.group(3)) != 0) {
                throw new IllegalStateException("the producer failed (exit " + process.exitValue() + "):\n" + output);
            }
            return Double.parseDouble(m.group(5));
        }

        void stop() {
            StreamRig.this.stop(process);
        }
    }

    Producer startProducer(String prefix, int symbols, double eventsPerSecond, Duration duration) throws IOException {
        Path log = logDir.resolve("produce-" + prefix + "-" + Math.round(eventsPerSecond) + ".log");
        List<String> command = List.of(java, "-Xmx256m", "-jar", CLI_JAR.toString(), "produce", "--source", "sim",
                "--symbols", symbols(symbols), "--rate", String.format(Locale.ROOT, "%.0f", eventsPerSecond),
                "--duration", duration.toSeconds() + "s", "--topic-prefix", prefix,
                "--bootstrap-servers", bootstrap(), "--schema-registry", registry(), "--quiet");
        Instant started = Instant.now();
        return new Producer(track(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start()),
                log, started);
    }

    /** Latest offsets of every partition of {@code topics}. */
    synchronized Map<TopicPartition, Long> endOffsets(List<String> topics) {
        if (offsetsConsumer == null) {
            offsetsConsumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        List<TopicPartition> partitions = topics.stream().flatMap(t -> offsetsConsumer.partitionsFor(t).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return offsetsConsumer.endOffsets(partitions);
    }

    long endOffsetSum(List<String> topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Kafka offsets up to which the query's last committed batch read; null before the first commit. */
    static Map<TopicPartition, Long> committedOffsets(Path queryCheckpoint) {
        try {
            return new QueryCheckpoint(queryCheckpoint).committedKafkaOffsets().orElse(null);
        } catch (UncheckedIOException e) {
            // Spark writes offsets/N before commits/N and never deletes the newest; a race only with a purge: skip this sample.
            return null;
        }
    }

    /** The job's {@code pipeline} points of {@code stream} between two instants, oldest first. */
    List<Map<String, Object>> pipeline(String stream, Instant from, Instant to) {
        return influx.rows("SELECT * FROM pipeline WHERE \"stream\"='" + stream + "' AND time >= " + nanos(from)
                + " AND time < " + nanos(to));
    }

    /** Records the ingest query sent to the dead-letter topics since the stack started (its {@code pipeline} counts). */
    long deadLetters() {
        return Math.round(influx.single("SELECT sum(dead_letters) FROM pipeline WHERE \"stream\"='ingest'").orElse(0.0));
    }

    /**
     * The "Spark plan" section over the event logs of {@code jobs}, each stopped first: Spark closes
     * its event log when the job stops.
     */
    void printSparkPlan(List<Job> jobs) throws IOException {
        List<SparkEventLog.Plan> plans = new ArrayList<>();
        for (Job job : jobs) {
            job.stop();
            plans.add(SparkEventLog.read(job.eventLogDir));
        }
        System.out.println();
        SparkPlanSection.lines(SparkEventLog.Plan.merge(plans), deadLetters()).forEach(System.out::println);
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** A child to stop on {@link #close()} (or by {@link #stop}). */
    Process track(Process process) {
        running.add(process);
        return process;
    }

    /** SIGTERM (the job and the producer shut down cleanly on it), then SIGKILL after 30 s. */
    void stop(Process process) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    System.err.println("pid " + process.pid() + " ignored SIGTERM for 30 s: SIGKILL");
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            running.remove(process);
        }
    }

    /** Stops every child still running, then the stack, and deletes the stack's directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The job and producers (each by its own handle, in parallel: each may take its grace period),
        // then the servers they talk to.
        new ArrayList<>(running).parallelStream().forEach(this::stop);
        if (offsetsConsumer != null) {
            try {
                offsetsConsumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                System.err.println("closing the offsets consumer: " + e);
            }
        }
        try {
            stack.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping the stack: " + e);
        }
        deleteTree(stackDir);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }

    private void closeQuietly() {
        System.err.println("stopping the benchmark's processes");
        close();
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log " + log + ": " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /**
     * CPU time of the whole machine and of this benchmark's process tree (itself, the stack, the job,
     * the producer), from /proc: other engineers' builds on the same 2 cores skew every figure here,
     * so the benchmarks print how much CPU others used while they measured.
     */
    record Cpu(long wallNanos, long machineBusyTicks, long ourTicks) {
        static Cpu now() {
            long busy = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(f[i]);
                }
            } catch (IOException | RuntimeException e) {
                return new Cpu(System.nanoTime(), -1, -1);
            }
            long ours = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                    .mapToLong(p -> ticks(p.pid())).sum();
            return new Cpu(System.nanoTime(), busy, ours);
        }

        /** utime + stime of {@code pid} in clock ticks (USER_HZ, 100 on Linux); 0 once it exited. */
        static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException exited) {
                return 0;
            }
        }

        /**
         * "ours X cores, others Y cores (of N)" between two snapshots; USER_HZ is 100 on Linux. Both
         * must be taken while the processes measured run: one that exited has no ticks in /proc.
         */
        static String between(Cpu from, Cpu to) {
            if (from.machineBusyTicks < 0 || to.machineBusyTicks < 0) {
                return "CPU use unknown (no /proc/stat)";
            }
            double seconds = (to.wallNanos - from.wallNanos) / 1e9;
            double ours = (to.ourTicks - from.ourTicks) / 100.0 / seconds;
            double all = (to.machineBusyTicks - from.machineBusyTicks) / 100.0 / seconds;
            return String.format(Locale.ROOT, "CPU while measured: this benchmark's processes %.2f cores, other processes "
                    + "%.2f cores, of %d", ours, Math.max(0, all - ours), Runtime.getRuntime().availableProcessors());
        }
    }

    static double median(List<? extends Number> values) {
        return percentile(values.stream().mapToDouble(Number::doubleValue).sorted().toArray(), 50);
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
