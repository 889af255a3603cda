package io.tickpipe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Apache Kafka in KRaft mode: one JVM that is both broker and controller. Alone it is the whole
 * cluster; in a quorum ({@link #quorum}) each of several nodes is a broker and a voting controller,
 * and Kafka's internal topics are replicated to all of them.
 */
final class KafkaServer implements Server {

    /** Logged once the broker is unfenced and serves clients (its port opens earlier than that). */
    private static final String STARTED_MESSAGE = "Kafka Server started";
    private static final long FORMAT_TIMEOUT_SECONDS = 120;

    private final String name;
    private final Path directory;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final String voters;
    private final int replicas;
    /** A quorum's nodes must be formatted with one cluster id: it is kept here, shared by all. */
    private final Path clusterIdFile;

    private KafkaServer(String name, Path directory, int nodeId, int port, int controllerPort, String voters,
                        int replicas, Path clusterIdFile) {
        this.name = name;
        this.directory = directory;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.voters = voters;
        this.replicas = replicas;
        this.clusterIdFile = clusterIdFile;
    }

    /** The single-node cluster of the local stack. */
    KafkaServer(Path directory, int port, int controllerPort) {
        this("kafka", directory, 1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1,
                directory.resolve("cluster.id"));
    }

    /**
     * Nodes {@code kafka-1 .. kafka-N} under {@code parent}, node i on {@code ports[i]} with its
     * controller on {@code controllerPorts[i]}: a quorum of N controllers, internal topics replicated
     * N times with at least N - 1 in sync.
     */
    static List<KafkaServer> quorum(Path parent, List<Integer> ports, List<Integer> controllerPorts) {
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts.get(i));
        }
        List<KafkaServer> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String name = "kafka-" + (i + 1);
            nodes.add(new KafkaServer(name, parent.resolve(name), i + 1, ports.get(i), controllerPorts.get(i),
                    voters.toString(), ports.size(), parent.resolve("kafka-cluster.id")));
        }
        return nodes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path directory() {
        return directory;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String endpoint() {
        return bootstrapServers();
    }

    private Path config() {
        return directory.resolve("server.properties");
    }

    /**
     * The JVM reads "-cp CLASSPATH" from this file. On the command line the 45 jars would make it
     * 4 KiB long, unreadable in `ps` and cut short by ProcessHandle.Info, which reads only 4 KiB.
     */
    private Path classpathArgFile() {
        return directory.resolve("classpath.args");
    }

    private Path logDir() {
        return directory.resolve("data");
    }

    @Override
    public void prepare() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Files.writeString(config(), serverProperties());
        Files.writeString(classpathArgFile(), "-cp \"" + BuildArtifacts.kafkaClasspath() + "\"\n");
        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format();
        }
    }

    private String serverProperties() {
        String minInSync = Integer.toString(Math.max(1, replicas - 1));
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=1",
                // Internal topics on every node (a single broker can only hold one replica); with
                // several, one node may be down and the others still take writes.
                "offsets.topic.replication.factor=" + replicas,
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInSync,
                // Consumer groups in tests should not wait 3 s for more members that never come.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** KRaft storage is formatted once; its meta.properties then keeps the cluster id. */
    private void format() throws IOException, InterruptedException {
        Path output = directory.resolve("format.log");
        Process format = new ProcessBuilder(Jvm.executable(), "@" + classpathArgFile(),
                "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", clusterId(), "--config", config().toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!format.waitFor(FORMAT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting Kafka storage timed out; see " + output);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed:\n" + Files.readString(output));
        }
    }

    /** The cluster's id: made by the first node formatted, read by the others. */
    private String clusterId() throws IOException {
        synchronized (KafkaServer.class) {
            if (Files.exists(clusterIdFile)) {
                return Files.readString(clusterIdFile).trim();
            }
            String id = newClusterId();
            Files.createDirectories(clusterIdFile.getParent());
            Files.writeString(clusterIdFile, id + "\n");
            return id;
        }
    }

    /**
     * What {@code StorageTool random-uuid} prints (16 random bytes, URL-safe base64), without
     * paying for a JVM start. Like Kafka, avoid a leading '-' that a command line would take for an option.
     */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    @Override
    public List<String> command() {
        return List.of(Jvm.executable(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "@" + classpathArgFile(),
                "kafka.Kafka", config().toString());
    }

    @Override
    public boolean isReady() throws IOException {
        // ISO-8859-1 decodes any byte, so a partly written line cannot make the scan throw.
        try (Stream<String> lines = Files.lines(logFile(), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains(STARTED_MESSAGE));
        }
    }
}
