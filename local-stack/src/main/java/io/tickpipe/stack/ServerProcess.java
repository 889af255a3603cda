package io.tickpipe.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Server} running as an OS process of its own, known by its pid. */
final class ServerProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Server server;
    private final ProcessHandle handle;

    private ServerProcess(Server server, ProcessHandle handle) {
        this.server = server;
        this.handle = handle;
    }

    static ServerProcess launch(Server server) throws IOException {
        Path log = server.logFile();
        keepPreviousLog(log);
        ProcessBuilder builder = new ProcessBuilder(server.command());
        builder.environment().putAll(server.environment());
        Process process = builder
                .directory(server.directory().toFile())
                // Nothing may tie the server to this JVM: `stack up` exits and leaves it running.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        return new ServerProcess(server, process.toHandle());
    }

    /**
     * The live process with this pid, if it is this server. The command line must mention the
     * server's folder, so a recycled pid (after a reboot, say) is never taken for the server.
     * (The JDK reads only the first 4 KiB of a command line; servers keep theirs shorter.)
     */
    static Optional<ServerProcess> find(Server server, long pid) {
        String folder = server.directory().toString();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(cmd -> cmd.contains(folder)).orElse(false))
                .map(h -> new ServerProcess(server, h));
    }

    Server server() {
        return server;
    }

    long pid() {
        return handle.pid();
    }

    boolean isAlive() {
        return handle.isAlive();
    }

    boolean isReady() throws InterruptedException {
        try {
            return handle.isAlive() && server.isReady();
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Waits until the readiness probe answers, then runs the server's post-start setup. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady()) {
            if (!handle.isAlive()) {
                throw failure("exited during startup");
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure("did not become ready within " + timeout.toMillis() / 1000.0 + " s");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        server.initialize();
    }

    /**
     * SIGTERM to all first, so their shutdowns overlap, then SIGKILL whichever has not exited
     * after the grace period.
     */
    static void stopAll(Collection<ServerProcess> processes, Duration grace) {
        processes.forEach(p -> p.handle.destroy());
        long deadline = System.nanoTime() + grace.toNanos();
        for (ServerProcess p : processes) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!p.awaitExit(remaining)) {
                p.handle.destroyForcibly();
                p.awaitExit(TimeUnit.SECONDS.toNanos(10));
            }
        }
    }

    /** SIGKILL, nothing before it; returns once the process is gone. */
    void kill() {
        handle.destroyForcibly();
        awaitExit(TimeUnit.SECONDS.toNanos(30));
    }

    private boolean awaitExit(long nanos) {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(String.format("%s (pid %d) %s; %s",
                server.name(), handle.pid(), what, LogExcerpt.of(server.logFile())));
    }

    /** Readiness may look at the log, so each run starts a fresh one; the last run's is kept. */
    private static void keepPreviousLog(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return server.name() + " (pid " + handle.pid() + ")";
    }
}
