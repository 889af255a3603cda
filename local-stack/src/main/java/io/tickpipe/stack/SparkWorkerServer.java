package io.tickpipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark standalone Worker ({@code org.apache.spark.deploy.worker.Worker}) registered with the
 * master; it starts executors from the SPARK_HOME {@link SparkDistribution#prepareHome} made.
 */
final class SparkWorkerServer implements Server {

    private static final String READY = "Successfully registered with master";

    private final String name;
    private final Path directory;
    private final String masterUrl;
    private final int cores;
    private final String memory;
    private final int uiPort;
    private final Path sparkHome;
    private final SparkDistribution spark;

    SparkWorkerServer(String name, Path directory, String masterUrl, int cores, String memory, int uiPort,
                      Path sparkHome, SparkDistribution spark) {
        this.name = name;
        this.directory = directory;
        this.masterUrl = masterUrl;
        this.cores = cores;
        this.memory = memory;
        this.uiPort = uiPort;
        this.sparkHome = sparkHome;
        this.spark = spark;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public String endpoint() {
        return cores + " cores, " + memory + " for executors (UI http://127.0.0.1:" + uiPort + ")";
    }

    /** Where the worker runs its executors: each one's folder, its stdout and stderr, the app jar. */
    Path workDir() {
        return directory.resolve("work");
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(workDir());
        spark.prepareHome(sparkHome);
    }

    @Override
    public List<String> command() {
        try {
            List<String> command = spark.javaCommand(directory, "256m");
            command.addAll(List.of("org.apache.spark.deploy.worker.Worker", masterUrl,
                    "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory,
                    "--work-dir", workDir().toString(), "--webui-port", Integer.toString(uiPort)));
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    @Override
    public boolean isReady() throws IOException {
        try (Stream<String> lines = Files.lines(logFile(), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains(READY));
        }
    }
}
