package io.tickpipe.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real producer, `tickpipe produce`, run from its jar as a user would. */
public final class Producer {

    private Producer() {
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("tickpipe.producer.jar", "../producer-cli/target/producer-cli.jar"));
        assertThat(jar).as("the producer's jar; build it first: mvn -pl producer-cli package").isRegularFile();
        return jar;
    }

    /** One run's exit code and where its standard output and error went. */
    public record Run(int exitCode, Path out, Path err) {
        public String errText() {
            try {
                return Files.readString(err);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * {@code tickpipe produce args} as given (no --quiet added: progress lines included), with variables
     * added to its environment; its output in files under {@code workDir}.
     */
    public static Run run(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar().toString(), "produce"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "produce-", ".out");
            Path err = Files.createTempFile(workDir, "produce-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            try {
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    throw new AssertionError("tickpipe produce did not finish: " + Files.readString(err));
                }
            } finally {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static void produce(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar().toString(), "produce", "--quiet"));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile(workDir, "produce-", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("tickpipe produce did not finish: " + Files.readString(err));
                }
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).as("tickpipe produce exit code; stderr: %s", Files.readString(err)).isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
