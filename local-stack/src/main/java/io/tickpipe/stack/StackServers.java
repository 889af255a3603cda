package io.tickpipe.stack;

import java.nio.file.Path;
import java.util.List;

/** The three servers of a stack living in one directory, each in its own sub-folder. */
record StackServers(KafkaServer kafka, SchemaRegistryServer registry, InfluxDbServer influx) {

    static StackServers in(Path directory, StackPorts ports) {
        Path dir = directory.toAbsolutePath().normalize();
        return new StackServers(
                new KafkaServer(dir.resolve("kafka"), ports.kafka(), ports.kafkaController()),
                new SchemaRegistryServer(dir.resolve("registry"), ports.registry()),
                new InfluxDbServer(dir.resolve("influxdb"), ports.influx(), ports.influxRpc()));
    }

    /** In launch order: the slowest starter first, so the others start while it warms up. */
    List<Server> all() {
        return List.of(registry, influx, kafka);
    }
}
