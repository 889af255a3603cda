package io.tickpipe.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The servers of a stack living in one directory, each in its own sub-folder: the single-node stack
 * (one Kafka node, the registry, InfluxDB) or the cluster (a quorum of Kafka nodes, the registry,
 * InfluxDB, a Spark standalone master and its workers).
 *
 * @param sparkMaster null for the single-node stack
 */
record StackServers(List<KafkaServer> kafka, SchemaRegistryServer registry, InfluxDbServer influx,
                    SparkMasterServer sparkMaster, List<SparkWorkerServer> sparkWorkers) {

    StackServers {
        kafka = List.copyOf(kafka);
        sparkWorkers = List.copyOf(sparkWorkers);
    }

    static StackServers in(Path directory, StackPorts ports) {
        Path dir = directory.toAbsolutePath().normalize();
        return new StackServers(
                List.of(new KafkaServer(dir.resolve("kafka"), ports.kafka(), ports.kafkaController(), ports.kafkaSasl())),
                new SchemaRegistryServer(dir.resolve("registry"), ports.registry()),
                new InfluxDbServer(dir.resolve("influxdb"), ports.influx(), ports.influxRpc()),
                null, List.of());
    }

    /** The cluster: every Kafka node of {@code ports}, and a Spark master with a worker per worker UI port. */
    static StackServers cluster(Path directory, ClusterPorts ports, SparkDistribution spark, int workerCores, String workerMemory) {
        Path dir = directory.toAbsolutePath().normalize();
        SparkMasterServer master = new SparkMasterServer(dir.resolve("spark-master"), ports.sparkMaster(),
                ports.sparkMasterUi(), spark);
        List<SparkWorkerServer> workers = new ArrayList<>();
        for (int i = 0; i < ports.sparkWorkerUis().size(); i++) {
            String name = "spark-worker-" + (i + 1);
            workers.add(new SparkWorkerServer(name, dir.resolve(name), master.url(), workerCores, workerMemory,
                    ports.sparkWorkerUis().get(i), dir.resolve("spark-home"), spark));
        }
        return new StackServers(KafkaServer.quorum(dir, ports.kafka(), ports.kafkaControllers()),
                new SchemaRegistryServer(dir.resolve("registry"), ports.registry()),
                new InfluxDbServer(dir.resolve("influxdb"), ports.influx(), ports.influxRpc()),
                master, workers);
    }

    /** In launch order: the slowest starter first, so the others start while it warms up. */
    List<Server> all() {
        List<Server> all = new ArrayList<>(List.of(registry, influx));
        all.addAll(kafka);
        if (sparkMaster != null) {
            all.add(sparkMaster);
            all.addAll(sparkWorkers);
        }
        return all;
    }

    /** Every Kafka node, for {@code bootstrap.servers}. */
    String bootstrapServers() {
        return kafka.stream().map(KafkaServer::bootstrapServers).collect(Collectors.joining(","));
    }
}
