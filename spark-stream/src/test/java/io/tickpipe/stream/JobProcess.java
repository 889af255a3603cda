package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The job's jar run in its own JVM the way `make stream` runs it (SparkSubmit from the
 * Maven-resolved Spark classpath, the jar as the application), so a test can kill -9 it.
 */
final class JobProcess implements AutoCloseable {

    private static final Path TARGET = Path.of("target");

    private final Process process;
    private final Path log;

    private JobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static JobProcess start(Path log, String... jobArgs) {
        Path jar = TARGET.resolve("spark-stream.jar");
        assertThat(jar).as("the job's jar (mvn package)").isRegularFile();
        try {
            List<String> command = new ArrayList<>(List.of("java", "@" + Path.of("..", "jvm", "java17.args"), "-Xmx768m",
                    "-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
                    "-cp", Files.readString(TARGET.resolve("spark.classpath")).trim(),
                    "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
                    "--class", StreamJob.class.getName(), jar.toString()));
            command.addAll(List.of(jobArgs));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            return new JobProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no checkpoint clean-up. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed job exited").isTrue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

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
