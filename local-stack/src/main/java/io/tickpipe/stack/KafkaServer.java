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

/** Apache Kafka in KRaft mode: one JVM that is both broker and controller. */
final class KafkaServer implements Server {

    /** Logged once the broker is unfenced and serves clients (its port opens earlier than that). */
    private static final String STARTED_MESSAGE = "Kafka Server started";
    private static final long FORMAT_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final int port;
    private final int controllerPort;

    KafkaServer(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String name() {
        return "kafka";
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
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=1",
                // A single broker can only hold one replica of Kafka's internal topics.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumer groups in tests should not wait 3 s for more members that never come.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** KRaft storage is formatted once; its meta.properties then keeps the cluster id. */
    private void format() throws IOException, InterruptedException {
        Path output = directory.resolve("format.log");
        Process format = new ProcessBuilder(Jvm.executable(), "@" + classpathArgFile(),
                "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", newClusterId(), "--config", config().toString())
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
