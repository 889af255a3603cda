package io.tickpipe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A Spark standalone Master ({@code org.apache.spark.deploy.master.Master} of spark-core). */
final class SparkMasterServer implements Server {

    private static final String READY = "I have been elected leader! New state: ALIVE";

    private final Path directory;
    private final int port;
    private final int uiPort;
    private final SparkDistribution spark;

    SparkMasterServer(Path directory, int port, int uiPort, SparkDistribution spark) {
        this.directory = directory;
        this.port = port;
        this.uiPort = uiPort;
        this.spark = spark;
    }

    @Override
    public String name() {
        return "spark-master";
    }

    @Override
    public Path directory() {
        return directory;
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    @Override
    public String endpoint() {
        return url() + " (UI http://127.0.0.1:" + uiPort + ")";
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(directory);
    }

    @Override
    public List<String> command() {
        try {
            List<String> command = spark.javaCommand(directory, "512m");
            command.addAll(List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(uiPort)));
            return command;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Map<String, String> environment() {
        return java.util.Map.of("SPARK_LOCAL_IP", "127.0.0.1", "SPARK_MASTER_HOST", "127.0.0.1");
    }

    @Override
    public boolean isReady() throws IOException {
        try (Stream<String> lines = Files.lines(logFile(), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains(READY));
        }
    }
}
