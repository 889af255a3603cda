package io.tickpipe.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code docker-compose} (1.29; no Docker engine needed) on the repository's compose
 * file: {@code config} validates it and prints it with every variable, path and anchor resolved.
 */
public final class DockerCompose {
    static final String EXECUTABLE = "docker-compose";
    private static final long GIVE_UP_MINUTES = 2;

    private DockerCompose() {
    }

    /** What {@code docker-compose config} printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * {@code docker-compose --env-file ENV -f compose/docker-compose.yml config}, in an environment
     * holding only PATH and HOME: a variable of the caller's shell must not stand in for one the env
     * file lacks.
     */
    public static Result config(Path envFile) {
        Path executable = onPath(EXECUTABLE);
        try {
            Path out = Files.createTempFile("compose-config", ".out");
            Path err = Files.createTempFile("compose-config", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(),
                        "--env-file", envFile.toString(), "-f", Repo.COMPOSE_FILE.toString(), "config"))
                        .directory(Repo.ROOT.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                String path = env.get("PATH");
                String home = env.get("HOME");
                env.clear();
                env.put("PATH", path);
                if (home != null) {
                    env.put("HOME", home);
                }
                Process process = builder.start();
                if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(EXECUTABLE + " config did not finish within " + GIVE_UP_MINUTES
                            + " minutes; stopped it (pid " + process.pid() + ")");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + EXECUTABLE + " config ran", e);
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not on the PATH: these tests validate compose/docker-compose.yml"
                + " with it (no Docker engine needed). Install the Debian package: sudo apt-get install docker-compose"
                + " (scripts/install-system-deps.sh test does, as root)");
    }
}
