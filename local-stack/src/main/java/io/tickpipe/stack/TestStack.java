package io.tickpipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@link LocalStack} per JVM for integration tests: started on first use, on free ports, in a
 * temporary directory; stopped and deleted when the JVM exits.
 */
public final class TestStack {

    private static LocalStack shared;
    private static RuntimeException startFailure;
    private static AuthenticatedInfluxDb authenticatedInflux;

    private TestStack() {
    }

    public static synchronized LocalStack shared() {
        if (startFailure != null) {
            // Every later test would otherwise wait minutes for the same failure again.
            throw new IllegalStateException("the shared test stack failed to start", startFailure);
        }
        if (shared == null) {
            try {
                shared = startInTempDirectory();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * One {@link AuthenticatedInfluxDb} per JVM, beside the shared stack (which only tests of logging
     * in need): started on first use, on free ports, in a temporary directory; stopped and deleted
     * when the JVM exits.
     */
    public static synchronized AuthenticatedInfluxDb authenticatedInflux() {
        if (authenticatedInflux == null) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("tickpipe-influx-auth-");
                StackPorts ports = StackPorts.free(); // two of its free ports
                AuthenticatedInfluxDb influx = AuthenticatedInfluxDb.start(dir, ports.influx(), ports.influxRpc());
                Path started = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    influx.close();
                    deleteQuietly(started);
                }, "tickpipe-test-influx-auth-stop"));
                authenticatedInflux = influx;
            } catch (IOException e) {
                deleteQuietly(dir);
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deleteQuietly(dir);
                throw new IllegalStateException("interrupted while starting the authenticated InfluxDB", e);
            } catch (RuntimeException e) {
                deleteQuietly(dir);
                throw e;
            }
        }
        return authenticatedInflux;
    }

    private static LocalStack startInTempDirectory() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tickpipe-stack-");
            LocalStack stack = LocalStack.start(dir, StackPorts.free());
            Path started = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(stack, started), "tickpipe-test-stack-stop"));
            return stack;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(dir);
            throw new IllegalStateException("interrupted while starting the test stack", e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private static void stopAndDelete(LocalStack stack, Path dir) {
        try {
            stack.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping the test stack: " + e);
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
