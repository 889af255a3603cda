package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An InfluxDB 1.x with authentication enabled ({@code [http] auth-enabled = true}), a process of its
 * own beside the {@link LocalStack}, for clients that must log in: an admin user {@value
 * InfluxDbServer#ADMIN_USER} whose password is in {@link #adminPasswordFile()}, and the database
 * {@value InfluxDbServer#DATABASE}. {@link #close()} stops exactly the process it started.
 */
public final class AuthenticatedInfluxDb implements AutoCloseable {

    private final InfluxDbServer server;
    private final ServerProcess process;
    private boolean closed;

    private AuthenticatedInfluxDb(InfluxDbServer server, ServerProcess process) {
        this.server = server;
        this.process = process;
    }

    /** Starts it with its config, data and log under {@code directory}; returns once the admin user and database exist. */
    public static AuthenticatedInfluxDb start(Path directory, int port, int rpcPort) throws IOException, InterruptedException {
        InfluxDbServer server = new InfluxDbServer(directory.toAbsolutePath().normalize(), port, rpcPort, true);
        server.prepare();
        ServerProcess process = ServerProcess.launch(server);
        try {
            process.awaitReady(LocalStack.STARTUP_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ServerProcess.stopAll(List.of(process), LocalStack.STOP_GRACE);
            throw e;
        }
        return new AuthenticatedInfluxDb(server, process);
    }

    /** "http://127.0.0.1:PORT", InfluxDB 1.x HTTP API; every request but /ping needs credentials. */
    public String url() {
        return server.url();
    }

    public String database() {
        return InfluxDbServer.DATABASE;
    }

    public String adminUser() {
        return InfluxDbServer.ADMIN_USER;
    }

    /** The admin's password (one line), readable by its owner only: an {@code --influx-password-file}. */
    public Path adminPasswordFile() {
        return server.adminPasswordFile();
    }

    /** Its config, data and log. */
    public Path directory() {
        return server.directory();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ServerProcess.stopAll(List.of(process), LocalStack.STOP_GRACE);
        }
    }
}
