package io.tickpipe.influx;

import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database on the shared test stack's InfluxDB 1.6, so test classes never see each other's points. */
public final class InfluxTestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private InfluxTestDatabase() {
    }

    /**
     * A V1 configuration for a new, empty database named after {@code owner}; retries quick
     * (1-20 ms) and few, so failure tests take milliseconds.
     */
    public static InfluxConfig create(Class<?> owner) {
        LocalStack stack = TestStack.shared();
        String name = owner.getSimpleName().toLowerCase(Locale.ROOT) + "_" + COUNTER.incrementAndGet();
        InfluxConfig config = InfluxConfig.builder(stack.influxUrl())
                .api(InfluxApi.V1)
                .database(name)
                .maxRetries(3)
                .retryDelays(Duration.ofMillis(1), Duration.ofMillis(20))
                .build();
        InfluxQl.of(config).execute("CREATE DATABASE " + InfluxQl.identifier(name));
        return config;
    }

    /** A URL where nothing listens: a port just bound and released. */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
