package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka (KRaft), Apicurio Registry and InfluxDB (and, for the cluster, more Kafka nodes and a Spark
 * standalone master with workers), each its own OS process on 127.0.0.1, with their data, config and
 * logs under one directory. {@link #close()} stops exactly the processes started here. A test can
 * kill, stop and restart one server by its name ({@link #kill}, {@link #stop}, {@link #restart}).
 */
public final class LocalStack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
    // Generous: the registry is the slowest of the three to start, and slower still on a busy 2-core
    // CI machine (the times seen are in docs/performance.md, not here: they belong to a machine).
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path directory;
    private final StackServers servers;
    private final Map<String, ServerProcess> processes = new LinkedHashMap<>();
    private boolean closed;

    private LocalStack(Path directory, StackServers servers, List<ServerProcess> processes) {
        this.directory = directory;
        this.servers = servers;
        processes.forEach(p -> this.processes.put(p.server().name(), p));
    }

    /**
     * Starts the three servers and returns once each answers. Their pid files are written to
     * {@code directory}; data already there (from an earlier run) is used, not replaced.
     */
    public static LocalStack start(Path directory, StackPorts ports) throws IOException, InterruptedException {
        return start(directory, StackServers.in(directory, ports));
    }

    /**
     * The cluster: three Kafka nodes, the registry, InfluxDB, a Spark standalone master and two
     * workers of {@code workerCores} cores and {@code workerMemory} for executors each, running
     * {@code spark} (the Spark classpath and Java flags the repository's build wrote).
     */
    public static LocalStack startCluster(Path directory, ClusterPorts ports, Path repositoryRoot, int workerCores,
                                          String workerMemory) throws IOException, InterruptedException {
        return start(directory, StackServers.cluster(directory, ports, SparkDistribution.in(repositoryRoot),
                workerCores, workerMemory));
    }

    static LocalStack start(Path directory, StackServers servers) throws IOException, InterruptedException {
        Path dir = directory.toAbsolutePath().normalize();
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

    /** For Kafka clients' {@code bootstrap.servers}: "127.0.0.1:PORT", a comma list for the cluster. */
    public String kafkaBootstrapServers() {
        return servers.bootstrapServers();
    }

    /** The Spark standalone master of the cluster, "spark://127.0.0.1:PORT". */
    public String sparkMasterUrl() {
        if (servers.sparkMaster() == null) {
            throw new IllegalStateException("the single-node stack has no Spark master; start the cluster");
        }
        return servers.sparkMaster().url();
    }

    /**
     * Kafka's SASL_PLAINTEXT listener, "127.0.0.1:PORT": clients need the settings of {@link
     * #kafkaSaslClientConfig()}; one without them is refused.
     */
    public String kafkaSaslBootstrapServers() {
        return saslKafka().saslBootstrapServers();
    }

    /**
     * A Kafka client properties file (security.protocol, sasl.mechanism SCRAM-SHA-512 and the
     * sasl.jaas.config of the stack's user, password included; readable by its owner only), as
     * {@code --client-config} takes it.
     */
    public Path kafkaSaslClientConfig() {
        return saslKafka().saslClientConfig();
    }

    /** The single-node stack's broker: the cluster's nodes have no SASL listener. */
    private KafkaServer saslKafka() {
        if (servers.kafka().size() != 1) {
            throw new IllegalStateException("the cluster's Kafka nodes have no SASL listener; use the single-node stack");
        }
        return servers.kafka().get(0);
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

    /** The servers' names: kafka (or kafka-1, kafka-2, ...), registry, influxdb, spark-master, spark-worker-1, ... */
    public List<String> serverNames() {
        return servers.all().stream().map(Server::name).toList();
    }

    /** The pid of the server's process. */
    public synchronized long pid(String name) {
        return process(name).pid();
    }

    /** SIGKILL to the server: no shutdown, as a crash or a pulled plug. Returns once it is gone. */
    public synchronized void kill(String name) {
        process(name).kill();
    }

    /** SIGTERM to the server (SIGKILL after the grace period); returns once it is gone. */
    public synchronized void stop(String name) {
        ServerProcess.stopAll(List.of(process(name)), STOP_GRACE);
    }

    /** Starts a killed or stopped server again, on its data, and returns once it answers. */
    public synchronized void restart(String name) throws IOException, InterruptedException {
        ServerProcess old = process(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " (pid " + old.pid() + ") is still running");
        }
        Server server = old.server();
        server.prepare();
        ServerProcess process = ServerProcess.launch(server);
        processes.put(name, process);
        new PidFile(server).write(process.pid());
        process.awaitReady(STARTUP_TIMEOUT);
    }

    private ServerProcess process(String name) {
        ServerProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no server " + name + " in this stack; there are " + processes.keySet());
        }
        return process;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            stop(List.copyOf(processes.values()));
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
