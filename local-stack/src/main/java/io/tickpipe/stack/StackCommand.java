package io.tickpipe.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code up | down | status} for the stack under {@code STACK_DIR} (default {@code .stack}), on the
 * ports of {@link StackPorts#fromEnvironment}. {@code up} returns once every server answers and
 * leaves them running after this JVM exits; their pid files tell {@code down} what to stop.
 */
public final class StackCommand {

    static final String STACK_DIR = "STACK_DIR";
    /** {@code cluster}: three Kafka nodes and a Spark standalone master with two workers beside the registry and InfluxDB. */
    static final String STACK_TOPOLOGY = "STACK_TOPOLOGY";
    /** The repository whose build wrote the Spark classpath the cluster runs (default: the working directory). */
    static final String TICKPIPE_ROOT = "TICKPIPE_ROOT";
    static final String SPARK_WORKER_CORES = "SPARK_WORKER_CORES";
    static final String SPARK_WORKER_MEMORY = "SPARK_WORKER_MEMORY";
    private static final String USAGE = "usage: StackCommand up|down|status   (env: " + STACK_DIR + ", "
            + String.join(", ", StackPorts.standard().toEnvironment().keySet()) + ")";

    private final Path directory;
    private final StackServers servers;
    private final PrintStream out;

    StackCommand(Map<String, String> env, PrintStream out) {
        this.directory = Path.of(env.getOrDefault(STACK_DIR, ".stack")).toAbsolutePath().normalize();
        this.servers = "cluster".equals(env.get(STACK_TOPOLOGY))
                ? StackServers.cluster(directory, ClusterPorts.fromEnvironment(env),
                        SparkDistribution.in(Path.of(env.getOrDefault(TICKPIPE_ROOT, "."))),
                        Integer.parseInt(env.getOrDefault(SPARK_WORKER_CORES, "2")), env.getOrDefault(SPARK_WORKER_MEMORY, "1g"))
                : StackServers.in(directory, StackPorts.fromEnvironment(env));
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Returns the exit code: 0 done (for status: all running), 1 failed or not running, 2 usage. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println(USAGE);
            return 2;
        }
        try {
            StackCommand command = new StackCommand(env, out);
            switch (args[0]) {
                case "up":
                    return command.up();
                case "down":
                    return command.down();
                case "status":
                    return command.status();
                default:
                    err.println(USAGE);
                    return 2;
            }
        } catch (IOException | RuntimeException e) {
            err.println("stack " + args[0] + " failed: " + (e.getMessage() != null ? e.getMessage() : e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("stack " + args[0] + " interrupted");
            return 1;
        }
    }

    int up() throws IOException, InterruptedException {
        List<ServerProcess> running = running();
        if (running.size() == servers.all().size()) {
            out.println("stack already up in " + directory);
            printServers();
            return 0;
        }
        if (!running.isEmpty()) {
            out.println("stack partly up in " + directory + ": " + running + "; run `down` first");
            return 1;
        }
        out.println("starting stack in " + directory + " ...");
        long start = System.nanoTime();
        LocalStack.start(directory, servers); // not closed: the servers outlive this JVM
        out.printf("stack up in %.1f s%n", (System.nanoTime() - start) / 1e9);
        printServers();
        return 0;
    }

    int down() throws IOException {
        List<ServerProcess> running = running();
        ServerProcess.stopAll(running, LocalStack.STOP_GRACE);
        List<ServerProcess> survivors = running.stream().filter(ServerProcess::isAlive).toList();
        if (!survivors.isEmpty()) {
            out.println("could not stop " + survivors);
            return 1;
        }
        for (Server server : servers.all()) {
            new PidFile(server).delete();
        }
        out.println(running.isEmpty() ? "stack was not running" : "stopped " + running + "; data stays in " + directory);
        return 0;
    }

    int status() throws IOException, InterruptedException {
        boolean allReady = true;
        for (Server server : servers.all()) {
            Optional<ServerProcess> process = new PidFile(server).process();
            boolean ready = process.isPresent() && process.get().isReady();
            allReady &= ready;
            String state = process.isEmpty() ? "stopped"
                    : (ready ? "running" : "not answering") + " (pid " + process.get().pid() + ")";
            out.printf("%-14s %-24s %s%n", server.name(), state, server.endpoint());
        }
        out.println("stack directory " + directory);
        return allReady ? 0 : 1;
    }

    private List<ServerProcess> running() throws IOException {
        List<ServerProcess> running = new ArrayList<>();
        for (Server server : servers.all()) {
            new PidFile(server).process().ifPresent(running::add);
        }
        return running;
    }

    private void printServers() throws IOException {
        for (Server server : servers.all()) {
            String pid = new PidFile(server).process().map(p -> "pid " + p.pid()).orElse("");
            out.printf("%-14s %-12s %s%n", server.name(), pid, server.endpoint());
        }
    }
}
