package io.tickpipe.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark job's jar run in its own JVM the way {@code make stream} runs it (SparkSubmit from the
 * Maven-resolved Spark classpath the job module wrote, the jar as the application), so a test can
 * kill -9 it, or run one job beside another in its own process.
 */
public final class SparkJobProcess implements AutoCloseable {

    /** The root of the repository, seen from a module's directory (the tests' working directory). */
    private static final Path ROOT = Path.of("..");

    private final Process process;
    private final Path log;

    private SparkJobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} of the jar of module {@code module} (e.g. {@code spark-stream}) with
     * {@code jobArgs}, its output appended to {@code log}.
     */
    public static SparkJobProcess start(String module, String mainClass, Path log, String... jobArgs) {
        return start(module, "local[2]", List.of(), mainClass, log, jobArgs);
    }

    /**
     * {@link #start(String, String, Path, String...)} with variables added to the job's environment
     * and Spark settings ({@code key=value}, each a {@code --conf}) that win over the defaults here
     * (the UI off, 2 shuffle partitions).
     */
    public static SparkJobProcess start(String module, String mainClass, Path log, Map<String, String> env,
                                        List<String> sparkConf, String... jobArgs) {
        return start(module, "local[2]", sparkConf, env, mainClass, log, jobArgs);
    }

    /**
     * As {@link #start(String, String, Path, String...)} on {@code master} (e.g. a standalone
     * cluster's {@code spark://127.0.0.1:PORT}, the driver in this process, client mode), with more
     * {@code --conf key=value} settings.
     */
    public static SparkJobProcess start(String module, String master, List<String> conf, String mainClass, Path log,
                                        String... jobArgs) {
        return start(module, master, conf, Map.of(), mainClass, log, jobArgs);
    }

    private static SparkJobProcess start(String module, String master, List<String> conf, Map<String, String> env,
                                         String mainClass, Path log, String... jobArgs) {
        Path target = ROOT.resolve(module).resolve("target");
        Path jar = target.resolve(module + ".jar");
        assertThat(jar).as("the job's jar (mvn package of %s)", module).isRegularFile();
        try {
            List<String> command = new ArrayList<>(List.of("java", "@" + ROOT.resolve("jvm").resolve("java17.args"), "-Xmx768m",
                    "-Dlog4j2.configurationFile=" + ROOT.resolve("spark-stream/conf/log4j2.properties").toAbsolutePath(),
                    "-cp", Files.readString(target.resolve("spark.classpath")).trim(),
                    "org.apache.spark.deploy.SparkSubmit", "--master", master,
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2"));
            for (String setting : conf) {
                command.addAll(List.of("--conf", setting)); // a later --conf of the same key wins
            }
            command.addAll(List.of("--class", mainClass, jar.toString()));
            command.addAll(List.of(jobArgs));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Also where Spark's UI binds, when it is on: 127.0.0.1, not every interface.
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            builder.environment().putAll(env);
            return new SparkJobProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no checkpoint clean-up. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed job exited").isTrue();
    }

    /** Waits for the job to end by itself (a batch job) and returns its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the job still runs after " + limit + "; its log:\n" + log());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if the job has not ended within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
