package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tickpipe}, the command the README documents: the JVM it starts gets the small fixed
 * heap and the serial collector unless the environment says otherwise, arguments reach the CLI as they were given, and the
 * launcher's pid is the JVM's, so stopping that pid stops the CLI.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "tickpipe");
    private static final Path JAR = Path.of("target", "producer-cli.jar");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void startsTheJvmWithA160MibHeapAndTheSerialCollector() throws Exception {
        Run run = run(Map.of("TICKPIPE_JVM_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-XX:MaxHeapSize=" + 160 * MIB + " ").contains("-XX:+UseSerialGC")
                .contains("tickpipe ");
    }

    @Test
    void collectorOptionsFromTheEnvironmentReplaceTheDefault() throws Exception {
        // Two collectors on one command line would stop the JVM: the default must give way, not add.
        Run run = run(Map.of("TICKPIPE_JVM_PERFORMANCE_OPTS", "-XX:+UseParallelGC", "TICKPIPE_JVM_OPTS",
                "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC")
                .contains("-XX:MaxHeapSize=" + 160 * MIB + " ");
    }

    @Test
    void heapOptionsFromTheEnvironmentReplaceTheDefault() throws Exception {
        Run replaced = run(Map.of("TICKPIPE_HEAP_OPTS", "-Xmx128m", "TICKPIPE_JVM_OPTS", "-XX:+PrintCommandLineFlags"),
                "--version");
        Run overridden = run(Map.of("TICKPIPE_JVM_OPTS", "-XX:+PrintCommandLineFlags -Xmx64m"), "--version");

        assertThat(replaced.exitCode()).isZero();
        assertThat(replaced.out()).contains("-XX:MaxHeapSize=" + 128 * MIB + " ");
        assertThat(overridden.exitCode()).isZero();
        assertThat(overridden.out()).contains("-XX:MaxHeapSize=" + 64 * MIB + " ");
    }

    @Test
    void passesArgumentsWithSpacesAndQuotesIntact() throws Exception {
        Run run = run(Map.of(), "produce", "--symbols", "AAPL", "--rate", "ten 'per' second");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--rate': 'ten 'per' second' is not a double");
    }

    @Test
    void saysWhichJarIsMissing() throws Exception {
        Path missing = dir.resolve("no-such.jar");

        Run run = run(Map.of("TICKPIPE_JAR", missing.toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no CLI jar at " + missing).contains("make build");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void itsPidIsTheJvms() throws Exception {
        // Kafka unreachable: produce keeps retrying long enough to look at the running process.
        Process process = start(Map.of(), "produce", "--symbols", "AAPL", "--bootstrap-servers", "127.0.0.1:1");
        try {
            Optional<String> command = Optional.empty();
            for (int i = 0; i < 600 && process.isAlive(); i++) {
                command = process.toHandle().info().command();
                if (command.filter(c -> c.endsWith("/java")).isPresent()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(command).as("the launcher's pid runs java (exec)").hasValueSatisfying(c -> assertThat(c).endsWith("/java"));
            assertThat(process.toHandle().children()).as("no child process: the JVM is the launcher itself").isEmpty();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the CLI's jar (mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeAll(List.of("TICKPIPE_HEAP_OPTS", "TICKPIPE_JVM_PERFORMANCE_OPTS", "TICKPIPE_JVM_OPTS"));
        builder.environment().put("TICKPIPE_JAR", JAR.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Process process = start(env, args);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("bin/tickpipe " + String.join(" ", args) + " still running");
            }
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }
}
