package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka (KRaft), Apicurio Registry and InfluxDB, each its own OS process on 127.0.0.1, with their
 * data, config and logs under one directory. {@link #close()} stops exactly the processes started here.
 */
public final class LocalStack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
    // Generous: the registry is the slowest of the three to start, and slower still on a busy 2-core
    // CI machine (the times seen are in docs/performance.md, not here: they belong to a machine).
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path directory;
    private final StackServers servers;
    private final List<ServerProcess> processes;
    private boolean closed;

    private LocalStack(Path directory, StackServers servers, List<ServerProcess> processes) {
        this.directory = directory;
        this.servers = servers;
        this.processes = List.copyOf(processes);
    }

    /**
     * Starts the three servers and returns once each answers. Their pid files are written to
     * {@code directory}; data already there (from an earlier run) is used, not replaced.
     */
    public static LocalStack start(Path directory, StackPorts ports) throws IOException, InterruptedException {
        Path dir = directory.toAbsolutePath().normalize();
        StackServers servers = StackServers.in(dir, ports);
        List<ServerProcess> started = new ArrayList<>();
        try {
            // All launched before any is awaited, so their startups overlap.
            for (Server server : servers.all()) {
                server.prepare();
                ServerProcess process = ServerProcess.launch(server);
                started.add(process);
                new PidFile(server).write(process.pid());
                LOG.log(System.Logger.Level.DEBUG, "started {0}, log {1}", process, server.logFile());
            }
            for (ServerProcess process : started) {
                process.awaitReady(STARTUP_TIMEOUT);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                stop(started);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new LocalStack(dir, servers, started);
    }

    public Path directory() {
        return directory;
    }

    /** For Kafka clients' {@code bootstrap.servers}: "127.0.0.1:PORT". */
    public String kafkaBootstrapServers() {
        return servers.kafka().bootstrapServers();
    }

    /** The Confluent-compatible API of the registry: "http://127.0.0.1:PORT/apis/ccompat/v7". */
    public String schemaRegistryUrl() {
        return servers.registry().url();
    }

    /** "http://127.0.0.1:PORT", InfluxDB 1.x HTTP API (/write, /query). */
    public String influxUrl() {
        return servers.influx().url();
    }

    /** The InfluxDB database created at startup. */
    public String influxDatabase() {
        return InfluxDbServer.DATABASE;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            stop(processes);
        }
    }

    private static void stop(List<ServerProcess> processes) throws IOException {
        ServerProcess.stopAll(processes, STOP_GRACE);
        for (ServerProcess process : processes) {
            new PidFile(process.server()).delete();
            LOG.log(System.Logger.Level.DEBUG, "stopped {0}", process);
        }
    }
}
