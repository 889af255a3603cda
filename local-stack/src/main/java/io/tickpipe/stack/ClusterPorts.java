package io.tickpipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ports of the cluster, all on 127.0.0.1: three Kafka nodes and their controllers, the registry,
 * InfluxDB, the Spark master and its UI, a UI per Spark worker. The first Kafka node, the registry
 * and InfluxDB are on the single-node stack's ports, so what runs against the stack runs against
 * the cluster unchanged (the two cannot run at once).
 */
public record ClusterPorts(List<Integer> kafka, List<Integer> kafkaControllers, int registry, int influx, int influxRpc,
                           int sparkMaster, int sparkMasterUi, List<Integer> sparkWorkerUis) {

    public static final String SPARK_MASTER_PORT = "SPARK_MASTER_PORT";
    private static final int NODES = 3;
    private static final int WORKERS = 2;

    public ClusterPorts {
        kafka = List.copyOf(kafka);
        kafkaControllers = List.copyOf(kafkaControllers);
        sparkWorkerUis = List.copyOf(sparkWorkerUis);
    }

    /**
     * From the stack's variables: Kafka node i on {@code KAFKA_PORT + 2i} with its controller on the
     * next port, the registry and InfluxDB on theirs, the master on {@code SPARK_MASTER_PORT} (7077),
     * its UI on 8080, the workers' UIs on 8091 and up.
     */
    public static ClusterPorts fromEnvironment(Map<String, String> env) {
        StackPorts stack = StackPorts.fromEnvironment(env);
        List<Integer> kafka = new ArrayList<>();
        List<Integer> controllers = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            kafka.add(stack.kafka() + 2 * i);
            controllers.add(stack.kafka() + 2 * i + 1);
        }
        int master = StackPorts.port(env, SPARK_MASTER_PORT, 7077);
        return new ClusterPorts(kafka, controllers, stack.registry(), stack.influx(), stack.influxRpc(), master, 8080,
                List.of(8091, 8092));
    }

    /** Ports nothing listens on right now, all distinct. */
    public static ClusterPorts free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // Held open together so the OS cannot hand out the same port twice.
            for (int i = 0; i < 2 * NODES + 5 + WORKERS; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            List<Integer> p = sockets.stream().map(ServerSocket::getLocalPort).toList();
            return new ClusterPorts(p.subList(0, NODES), p.subList(NODES, 2 * NODES), p.get(6), p.get(7), p.get(8),
                    p.get(9), p.get(10), p.subList(11, 11 + WORKERS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only a probe for a free port
                }
            }
        }
    }
}
