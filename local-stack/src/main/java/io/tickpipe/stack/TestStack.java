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
                shared = startInTempDirectory("tickpipe-stack-", "test stack",
                        dir -> LocalStack.start(dir, StackPorts.free()));
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
            authenticatedInflux = startInTempDirectory("tickpipe-influx-auth-", "authenticated InfluxDB", dir -> {
                StackPorts ports = StackPorts.free(); // two of its free ports
                return AuthenticatedInfluxDb.start(dir, ports.influx(), ports.influxRpc());
            });
        }
        return authenticatedInflux;
    }

    /** Starts a server in a directory of its own. */
    @FunctionalInterface
    private interface Starter<T> {
        T start(Path dir) throws IOException, InterruptedException;
    }

    /**
     * A server started in a new temporary directory, stopped and the directory deleted when the JVM
     * exits; the directory is deleted at once if the server fails to start.
     */
    private static <T extends AutoCloseable> T startInTempDirectory(String prefix, String what, Starter<T> starter) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(prefix);
            T server = starter.start(dir);
            Path started = dir;
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> stopAndDelete(what, server, started), prefix + "stop"));
            return server;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(dir);
            throw new IllegalStateException("interrupted while starting the " + what, e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private static void stopAndDelete(String what, AutoCloseable server, Path dir) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("stopping the " + what + ": " + e);
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
