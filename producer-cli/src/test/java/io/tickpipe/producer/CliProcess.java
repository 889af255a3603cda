package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code tickpipe} from its jar in a JVM of its own, with variables added to its
 * environment: what an in-process {@link CliRun} cannot have, since it reads this JVM's.
 */
record CliProcess(int exitCode, String out, String err) {

    static CliProcess run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target/producer-cli.jar");
        assertThat(jar).as("the CLI's jar (mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "tickpipe-", ".out");
        Path err = Files.createTempFile(dir, "tickpipe-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new AssertionError("tickpipe " + String.join(" ", args) + " still running:\n" + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
        }
        return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
