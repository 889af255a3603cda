package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process handling every server shares, exercised with shell scripts standing in for servers. */
class ServerProcessTest {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<ServerProcess> launched = new ArrayList<>();

    @AfterEach
    void stopLaunched() {
        ServerProcess.stopAll(launched, GRACE);
    }

    @Test
    void ready_server_is_found_by_pid_only_as_itself_and_stops_on_sigterm() throws Exception {
        // No exec here: the shell's command line is the one that names the folder.
        ScriptServer server = new ScriptServer(dir.resolve("a"), "trap 'kill $!; exit 0' TERM; touch ready; sleep 60 & wait");
        ServerProcess process = launch(server);
        process.awaitReady(STARTUP);

        assertThat(ServerProcess.find(server, process.pid())).map(ServerProcess::pid).contains(process.pid());
        ScriptServer elsewhere = new ScriptServer(dir.resolve("b"), "true");
        assertThat(ServerProcess.find(elsewhere, process.pid())).as("same pid, other folder").isEmpty();

        ServerProcess.stopAll(List.of(process), GRACE);
        assertThat(process.isAlive()).isFalse();
        assertThat(ServerProcess.find(server, process.pid())).isEmpty();
    }

    @Test
    void server_exiting_during_startup_fails_with_its_log() throws Exception {
        ServerProcess process = launch(new ScriptServer(dir.resolve("a"), "echo 'port 4242 already taken' >&2; exit 3"));

        assertThatThrownBy(() -> process.awaitReady(STARTUP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited during startup")
                .hasMessageContaining("port 4242 already taken");
    }

    @Test
    void server_never_ready_fails_after_the_timeout_with_its_log() throws Exception {
        ServerProcess process = launch(new ScriptServer(dir.resolve("a"), "echo warming up; exec sleep 60"));

        assertThatThrownBy(() -> process.awaitReady(Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not become ready")
                .hasMessageContaining("warming up");
        assertThat(process.isAlive()).as("stopping is the caller's decision").isTrue();
    }

    @Test
    void server_ignoring_sigterm_is_killed_after_the_grace_period() throws Exception {
        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        ServerProcess process = launch(new ScriptServer(dir.resolve("a"), "trap '' TERM; touch ready; exec sleep 60"));
        process.awaitReady(STARTUP);

        ServerProcess.stopAll(List.of(process), Duration.ofMillis(300));

        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void relaunch_keeps_the_previous_log() throws Exception {
        ScriptServer server = new ScriptServer(dir.resolve("a"),
                "echo run $(ls run-* 2>/dev/null | wc -l); touch run-$$ ready; exec sleep 60");
        ServerProcess first = launch(server);
        first.awaitReady(STARTUP);
        ServerProcess.stopAll(List.of(first), GRACE);
        Files.delete(server.directory().resolve("ready"));

        launch(server).awaitReady(STARTUP);

        assertThat(Files.readString(server.logFile())).isEqualTo("run 1\n");
        assertThat(Files.readString(server.logFile().resolveSibling("script.log.1"))).isEqualTo("run 0\n");
    }

    private ServerProcess launch(ScriptServer server) throws IOException {
        server.prepare();
        ServerProcess process = ServerProcess.launch(server);
        launched.add(process);
        return process;
    }

    /** A shell script as a server; it is ready once it has created the file "ready". */
    private record ScriptServer(Path directory, String script) implements Server {

        @Override
        public String name() {
            return "script";
        }

        @Override
        public String endpoint() {
            return "-";
        }

        @Override
        public void prepare() throws IOException {
            Files.createDirectories(directory);
        }

        @Override
        public List<String> command() {
            // The folder as $0 puts it on the command line, as real servers have it.
            return List.of("sh", "-c", script, directory.toString());
        }

        @Override
        public boolean isReady() {
            return Files.exists(directory.resolve("ready"));
        }
    }
}
