package io.tickpipe.bench;

import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code make bench-producer}: {@code tickpipe produce --source sim --rate 0} against Kafka's own
 * {@code ProducerPerformance} (kafka-tools, same version as our kafka-clients), each in its own JVM,
 * against the same broker, with the same producer settings and record size, in alternating rounds.
 * Targets: our events/s at least 0.9x its records/s; our peak RSS at most 256 MB.
 *
 * <p>Both throughputs are the tools' own: from just before the first send until every record is
 * acknowledged (ours: the {@code summary:} line; theirs: its final line). So both exclude JVM start,
 * producer construction and, for ours, the Kafka reachability check and schema registration; both
 * include the first metadata fetch and the final flush. Process wall times are printed for context.
 *
 * <p>Ours is started the way the README starts it, by the launcher {@code bin/tickpipe}, which gives
 * the JVM its small fixed heap and its collector (and takes {@code TICKPIPE_HEAP_OPTS},
 * {@code TICKPIPE_JVM_PERFORMANCE_OPTS} and {@code TICKPIPE_JVM_OPTS} from the environment, as for
 * any user). {@code ProducerPerformance} gets {@code -Xmx256m} and the JVM's default collector (G1,
 * which Kafka's scripts choose too) unless {@code -Dbench.jvmOpts=...} says otherwise.
 *
 * <p>Argument: the producer-cli jar (default {@code producer-cli/target/producer-cli.jar}), handed to
 * the launcher as {@code TICKPIPE_JAR}. {@code -Dbench.rounds=N} changes the number of rounds.
 */
public final class ProducerBench {
    private static final long COUNT = 2_000_000;
    /** Five, not three: ProducerPerformance's runs alone spread widely (docs/performance.md); a median of five is steadier. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int PARTITIONS = 3;
    private static final double TARGET_RATIO = 0.9;
    private static final long RSS_TARGET_MB = 256;
    private static final String SYMBOLS = "AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,AVGO";
    /** Our CLI's defaults, passed to both sides explicitly so they stay equal if the defaults change. */
    private static final List<String> PRODUCER_PROPS = List.of("acks=all", "compression.type=lz4", "linger.ms=20",
            "batch.size=262144", "enable.idempotence=true", "max.in.flight.requests.per.connection=5");

    private static final Pattern OUR_SUMMARY = Pattern.compile(
            "summary: (\\d+) events sent, (\\d+) acknowledged, (\\d+) failed in [\\d.]+ s \\(([\\d.]+) events/s\\)");
    private static final Pattern THEIR_TOTAL = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec");

    /** Children still running; killed by a shutdown hook if the benchmark itself is interrupted. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private record Run(double perSecond, long peakRssKb) {
    }

    private ProducerBench() {
    }

    public static void main(String[] args) throws Exception {
        // Our own admin and consumer clients would otherwise print their whole configuration each.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Path cliJar = Path.of(args.length > 0 ? args[0] : "producer-cli/target/producer-cli.jar");
        if (!Files.isRegularFile(cliJar)) {
            throw new IllegalStateException(cliJar + " is missing: build it with mvn -pl producer-cli -am package -DskipTests");
        }
        Path perfClasspathFile = Path.of("bench/target/producer-perf.classpath");
        String perfClasspath = System.getProperty("java.class.path") + ":" + Files.readString(perfClasspathFile).trim();
        Path launcher = Path.of("bin/tickpipe");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable: run the benchmark from the repository root");
        }
        List<String> jvmOpts = List.of(System.getProperty("bench.jvmOpts", "-Xmx256m").trim().split("\\s+")).stream()
                .filter(s -> !s.isEmpty()).toList();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProducerBench::stop), "bench-children-stop"));

        LocalStack stack = TestStack.shared();
        String bootstrap = stack.kafkaBootstrapServers();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<Run> ours = new ArrayList<>();
        List<Run> theirs = new ArrayList<>();
        int recordSize = 0;
        double keySize = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Round 0 warms the broker up (the first runs against a fresh broker are slower) and gives
            // the record size; it is not counted.
            for (int round = 0; round <= ROUNDS; round++) {
                String label = round == 0 ? "warm-up" : "round " + round;
                String prefix = "bench.ours" + round;
                List<String> ourTopics = List.of(prefix + ".trades", prefix + ".quotes");
                createTopics(admin, ourTopics);
                List<String> ourCommand = new ArrayList<>(List.of(launcher.toString(), "produce", "--source", "sim",
                        "--symbols", SYMBOLS, "--rate", "0", "--count", Long.toString(COUNT), "--seed", "1",
                        "--start-time", "2026-01-05T14:30:00Z", "--quiet", "--topic-prefix", prefix,
                        "--bootstrap-servers", bootstrap, "--schema-registry", stack.schemaRegistryUrl()));
                PRODUCER_PROPS.forEach(p -> ourCommand.addAll(List.of("-X", p)));
                Run our = run("ours   " + label, ourCommand, Map.of("TICKPIPE_JAR", cliJar.toString()), ProducerBench::ourRate);
                checkDelivered(bootstrap, ourTopics);

                if (round == 0) {
                    // ProducerPerformance sends one fixed size: the mean of what we actually wrote.
                    double[] means = meanKeyAndValueSize(bootstrap, ourTopics);
                    keySize = means[0];
                    recordSize = (int) Math.round(means[1]);
                    System.out.printf(Locale.ROOT, "our records: mean value %.1f B (wire header included), mean key %.1f B%n",
                            means[1], means[0]);
                }

                String theirTopic = "bench.theirs" + round;
                createTopics(admin, List.of(theirTopic));
                List<String> theirCommand = new ArrayList<>(List.of(java));
                theirCommand.addAll(jvmOpts);
                theirCommand.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", perfClasspath,
                        "org.apache.kafka.tools.ProducerPerformance", "--topic", theirTopic,
                        "--num-records", Long.toString(COUNT), "--record-size", Integer.toString(recordSize),
                        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap));
                theirCommand.addAll(PRODUCER_PROPS);
                Run their = run("theirs " + label, theirCommand, Map.of(), ProducerBench::theirRate);
                checkDelivered(bootstrap, List.of(theirTopic));
                if (round > 0) {
                    ours.add(our);
                    theirs.add(their);
                }
            }
        }
        report(ours, theirs, recordSize, keySize, jvmOpts);
    }

    private static void report(List<Run> ours, List<Run> theirs, int recordSize, double keySize, List<String> jvmOpts) {
        double ourMedian = SideBySide.median(ours.stream().map(Run::perSecond).toList());
        double theirMedian = SideBySide.median(theirs.stream().map(Run::perSecond).toList());
        double ratio = ourMedian / theirMedian;
        long peakRssMb = ours.stream().mapToLong(Run::peakRssKb).max().orElseThrow() / 1024;
        System.out.println();
        System.out.printf(Locale.ROOT, "== ProducerBench: %d records per run, %d alternating rounds, %d partitions per topic, "
                        + "value %d B, %s; ours: bin/tickpipe, ProducerPerformance: JVM %s ==%n", COUNT, ROUNDS, PARTITIONS, recordSize, String.join(" ", PRODUCER_PROPS),
                jvmOpts.isEmpty() ? "defaults" : String.join(" ", jvmOpts));
        System.out.printf(Locale.ROOT, "%-34s %10.0f events/s   (rounds %s)%n", "bin/tickpipe produce --source sim",
                ourMedian, rates(ours));
        System.out.printf(Locale.ROOT, "%-34s %10.0f records/s  (rounds %s)%n", "kafka-tools ProducerPerformance",
                theirMedian, rates(theirs));
        System.out.printf(Locale.ROOT, "ratio ours / ProducerPerformance = %.3f  (target >= %.2f: %s)%n", ratio,
                TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "peak RSS of produce = %d MB, max of %d runs %s  (target <= %d MB: %s)%n", peakRssMb,
                ours.size(), rss(ours), RSS_TARGET_MB, peakRssMb <= RSS_TARGET_MB ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "(for context: ProducerPerformance peak RSS %s MB; keys: ours symbols, mean %.1f B, "
                + "ProducerPerformance none)%n", rss(theirs), keySize);
    }

    private static void createTopics(Admin admin, List<String> topics) throws Exception {
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all()
                .get(60, TimeUnit.SECONDS);
    }

    /** Starts a child JVM, samples its peak RSS until it exits, and parses its throughput from its output. */
    private static Run run(String label, List<String> command, Map<String, String> env,
                           Function<List<String>, Double> rate) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        RUNNING.add(process);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(process, output), "bench-child-output");
        reader.start();
        long peakRssKb = 0;
        try {
            // VmHWM is the kernel's own high-water mark, so sampling it misses nothing but the last few ms.
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                peakRssKb = Math.max(peakRssKb, PeakRss.kb(process.pid()));
                if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException(label + " still running after 10 minutes");
                }
            }
        } finally {
            stop(process);
            RUNNING.remove(process);
            reader.join(5_000);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(label + " exited with " + process.exitValue() + ":\n" + String.join("\n", output));
        }
        double perSecond = rate.apply(output);
        System.out.printf(Locale.ROOT, "%s: %10.0f /s   (process wall %.1f s incl. JVM start, peak RSS %d MB)%n", label,
                perSecond, wallSeconds, peakRssKb / 1024);
        return new Run(perSecond, peakRssKb);
    }

    private static double ourRate(List<String> output) {
        Matcher m = lastMatch(OUR_SUMMARY, output, "produce's summary line");
        if (Long.parseLong(m.group(2)) != COUNT || Long.parseLong(m.group(3)) != 0) {
            throw new IllegalStateException("produce did not deliver all events:\n" + String.join("\n", output));
        }
        return Double.parseDouble(m.group(4));
    }

    private static double theirRate(List<String> output) {
        Matcher m = lastMatch(THEIR_TOTAL, output, "ProducerPerformance's total line");
        if (Long.parseLong(m.group(1)) != COUNT) {
            throw new IllegalStateException("ProducerPerformance did not complete all records:\n" + String.join("\n", output));
        }
        return Double.parseDouble(m.group(2));
    }

    private static Matcher lastMatch(Pattern pattern, List<String> output, String what) {
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(output.get(i));
            if (m.find()) {
                return m;
            }
        }
        throw new IllegalStateException("no " + what + " in:\n" + String.join("\n", output));
    }

    private static void readLines(Process process, List<String> into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("(reading output failed: " + e + ")");
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A throughput is only worth comparing if every record arrived, once (both sides are idempotent). */
    private static void checkDelivered(String bootstrap, List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            long records = consumer.endOffsets(partitions(consumer, topics)).values().stream().mapToLong(Long::longValue).sum();
            if (records != COUNT) {
                throw new IllegalStateException(topics + " hold " + records + " records, expected " + COUNT);
            }
        }
    }

    /** Mean serialized key and value size over every record in the topics. */
    private static double[] meanKeyAndValueSize(String bootstrap, List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long records = 0;
            long keyBytes = 0;
            long valueBytes = 0;
            int emptyPolls = 0;
            while (records < total) {
                var batch = consumer.poll(Duration.ofSeconds(5));
                if (batch.isEmpty() && ++emptyPolls == 12) {
                    throw new IllegalStateException("read only " + records + " of " + total + " records from " + topics);
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    keyBytes += record.serializedKeySize();
                    valueBytes += record.serializedValueSize();
                }
            }
            return new double[] {(double) keyBytes / records, (double) valueBytes / records};
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Collection<String> topics) {
        return topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String rates(List<Run> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).toList().toString();
    }

    private static String rss(List<Run> runs) {
        return runs.stream().map(r -> Long.toString(r.peakRssKb() / 1024)).toList().toString();
    }
}
