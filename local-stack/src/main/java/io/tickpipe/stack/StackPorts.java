package io.tickpipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP ports the stack listens on, all bound to 127.0.0.1. Kafka has two client listeners: {@code
 * kafka} without authentication, {@code kafkaSasl} with SASL/SCRAM ({@link KafkaServer}).
 */
public record StackPorts(int kafka, int kafkaController, int registry, int influx, int influxRpc, int kafkaSasl) {

    public static final String KAFKA_PORT = "KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "KAFKA_CONTROLLER_PORT";
    public static final String REGISTRY_PORT = "REGISTRY_PORT";
    public static final String INFLUX_PORT = "INFLUX_PORT";
    public static final String INFLUX_RPC_PORT = "INFLUX_RPC_PORT";
    public static final String KAFKA_SASL_PORT = "KAFKA_SASL_PORT";

    /** The servers' usual ports, as in their own documentation. */
    public static StackPorts standard() {
        return new StackPorts(9092, 9093, 8081, 8086, 8088, 9094);
    }

    /** The standard ports, each overridable by its environment variable. */
    public static StackPorts fromEnvironment(Map<String, String> env) {
        StackPorts standard = standard();
        return new StackPorts(
                port(env, KAFKA_PORT, standard.kafka),
                port(env, KAFKA_CONTROLLER_PORT, standard.kafkaController),
                port(env, REGISTRY_PORT, standard.registry),
                port(env, INFLUX_PORT, standard.influx),
                port(env, INFLUX_RPC_PORT, standard.influxRpc),
                port(env, KAFKA_SASL_PORT, standard.kafkaSasl));
    }

    /** Ports nothing listens on right now, all distinct. */
    public static StackPorts free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // Held open together so the OS cannot hand out the same port twice.
            for (int i = 0; i < 6; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return new StackPorts(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
                    sockets.get(2).getLocalPort(), sockets.get(3).getLocalPort(), sockets.get(4).getLocalPort(),
                    sockets.get(5).getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(StackPorts::closeQuietly);
        }
    }

    /** The inverse of {@link #fromEnvironment}, for launching the stack command on these ports. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(KAFKA_PORT, Integer.toString(kafka));
        env.put(KAFKA_CONTROLLER_PORT, Integer.toString(kafkaController));
        env.put(REGISTRY_PORT, Integer.toString(registry));
        env.put(INFLUX_PORT, Integer.toString(influx));
        env.put(INFLUX_RPC_PORT, Integer.toString(influxRpc));
        env.put(KAFKA_SASL_PORT, Integer.toString(kafkaSasl));
        return env;
    }

    static int port(Map<String, String> env, String name, int standard) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return standard;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // only a probe for a free port
        }
    }
}
