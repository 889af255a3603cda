package io.tickpipe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Apache Kafka in KRaft mode: one JVM that is both broker and controller. Alone it is the whole
 * cluster; in a quorum ({@link #quorum}) each of several nodes is a broker and a voting controller,
 * and Kafka's internal topics are replicated to all of them. The single node of the local stack
 * has a second listener for clients: SASL_PLAINTEXT with SCRAM-SHA-512 as the user of {@link
 * KafkaSaslUser}, whose settings {@link #saslClientConfig()} holds. The broker talks to itself over
 * PLAINTEXT, so it needs no credentials of its own; the SASL listener's JAAS line names only the
 * login module, the users' salted SCRAM credentials live in the metadata log.
 */
final class KafkaServer implements Server {

    /** Logged once the broker is unfenced and serves clients (its port opens earlier than that). */
    private static final String STARTED_MESSAGE = "Kafka Server started";
    private static final long TOOL_TIMEOUT_SECONDS = 120;
    private static final String SASL_LISTENER = KafkaSaslUser.SECURITY_PROTOCOL;
    /** The prefix of the SASL listener's own settings. */
    private static final String SASL_LISTENER_SETTING = "listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".";

    private final String name;
    private final Path directory;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    /** The SASL listener's port; 0: none (the cluster's nodes). */
    private final int saslPort;
    private final String voters;
    private final int replicas;
    /** A quorum's nodes must be formatted with one cluster id: it is kept here, shared by all. */
    private final Path clusterIdFile;
    /** Set by {@link #prepare()} when the storage was formatted without the SASL user. */
    private KafkaSaslUser userToAdd;

    private KafkaServer(String name, Path directory, int nodeId, int port, int controllerPort, int saslPort, String voters,
                        int replicas, Path clusterIdFile) {
        this.name = name;
        this.directory = directory;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
        this.voters = voters;
        this.replicas = replicas;
        this.clusterIdFile = clusterIdFile;
    }

    /** The single-node cluster of the local stack, with its SASL listener on {@code saslPort}. */
    KafkaServer(Path directory, int port, int controllerPort, int saslPort) {
        this("kafka", directory, 1, port, controllerPort, saslPort, "1@127.0.0.1:" + controllerPort, 1,
                directory.resolve("cluster.id"));
    }

    /**
     * Nodes {@code kafka-1 .. kafka-N} under {@code parent}, node i on {@code ports[i]} with its
     * controller on {@code controllerPorts[i]}: a quorum of N controllers, internal topics replicated
     * N times with at least N - 1 in sync. They have no SASL listener.
     */
    static List<KafkaServer> quorum(Path parent, List<Integer> ports, List<Integer> controllerPorts) {
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts.get(i));
        }
        List<KafkaServer> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String name = "kafka-" + (i + 1);
            nodes.add(new KafkaServer(name, parent.resolve(name), i + 1, ports.get(i), controllerPorts.get(i), 0,
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

    /** The SASL listener: clients need the settings of {@link #saslClientConfig()}. */
    String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** Kafka client properties for the SASL listener, with the user's password; owner-readable only. */
    Path saslClientConfig() {
        return directory.resolve("sasl-client.properties");
    }

    @Override
    public String endpoint() {
        return hasSasl() ? bootstrapServers() + ", SASL/SCRAM " + saslBootstrapServers() + " (" + saslClientConfig() + ")"
                : bootstrapServers();
    }

    private boolean hasSasl() {
        return saslPort != 0;
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

    /**
     * Writes the config, and on first use formats the storage with the SASL user in it. Storage
     * formatted before this broker had a SASL listener gets the user once it runs ({@link #initialize()}).
     */
    @Override
    public void prepare() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Files.writeString(config(), serverProperties());
        Files.writeString(classpathArgFile(), "-cp \"" + BuildArtifacts.kafkaClasspath() + "\"\n");
        boolean formatted = Files.exists(logDir().resolve("meta.properties"));
        if (!hasSasl()) {
            if (!formatted) {
                format(null);
            }
            return;
        }
        KafkaSaslUser user = KafkaSaslUser.readClientConfig(saslClientConfig()).orElse(null);
        boolean newUser = user == null;
        if (newUser) {
            user = KafkaSaslUser.generate();
        }
        // The client file is written once the user exists: a failed start leaves none naming a user that is not there.
        if (!formatted) {
            format(user);
            if (newUser) {
                user.writeClientConfig(saslClientConfig());
            }
        } else if (newUser) {
            userToAdd = user;
        }
    }

    @Override
    public void initialize() throws IOException, InterruptedException {
        if (userToAdd != null) {
            runTool("adding SASL user " + userToAdd.name(), directory.resolve("add-sasl-user.log"), List.of(
                    "kafka.admin.ConfigCommand", "--bootstrap-server", bootstrapServers(), "--alter",
                    "--entity-type", "users", "--entity-name", userToAdd.name(),
                    "--add-config", userToAdd.configCommandCredential()));
            userToAdd.writeClientConfig(saslClientConfig());
            userToAdd = null;
        }
    }

    private String serverProperties() {
        String minInSync = Integer.toString(Math.max(1, replicas - 1));
        List<String> sasl = !hasSasl() ? List.of() : List.of(
                SASL_LISTENER_SETTING + "sasl.enabled.mechanisms=" + KafkaSaslUser.MECHANISM,
                SASL_LISTENER_SETTING + KafkaSaslUser.MECHANISM.toLowerCase(Locale.ROOT)
                        + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;");
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + (hasSasl() ? "," + SASL_LISTENER + "://127.0.0.1:" + saslPort : ""),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + (hasSasl() ? "," + SASL_LISTENER + "://127.0.0.1:" + saslPort : ""),
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (hasSasl() ? "," + SASL_LISTENER + ":" + SASL_LISTENER : ""),
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
                "") + String.join("", sasl.stream().map(line -> line + "\n").toList());
    }

    /**
     * KRaft storage is formatted once; its meta.properties then keeps the cluster id, its bootstrap
     * metadata the SASL user's salted credentials ({@code user}; null: a node without SASL listener).
     */
    private void format(KafkaSaslUser user) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", clusterId(), "--config", config().toString()));
        if (user != null) {
            command.addAll(List.of("--add-scram", user.storageToolCredential()));
        }
        runTool("formatting Kafka storage", directory.resolve("format.log"), command);
    }

    /**
     * Runs a Kafka tool in a JVM of its own, on the broker's classpath. Its main class and arguments
     * go through an argument file readable by this user only and deleted afterwards: they may hold a
     * password, which on a command line anyone could read in the process list.
     */
    private void runTool(String what, Path output, List<String> mainClassAndArgs) throws IOException, InterruptedException {
        Path argFile = directory.resolve("tool.args");
        Files.deleteIfExists(argFile);
        Files.createFile(argFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            List<String> quoted = new ArrayList<>();
            mainClassAndArgs.forEach(arg -> quoted.add('"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"'));
            Files.write(argFile, quoted);
            Process tool = new ProcessBuilder(Jvm.executable(), "@" + classpathArgFile(), "@" + argFile)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!tool.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                tool.destroyForcibly();
                tool.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(what + " timed out; see " + output);
            }
            if (tool.exitValue() != 0) {
                throw new IllegalStateException(what + " failed:\n" + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(argFile);
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
