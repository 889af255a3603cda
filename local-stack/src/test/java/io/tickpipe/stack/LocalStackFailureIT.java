package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot start fails the whole start, with its log, and leaves nothing running. */
class LocalStackFailureIT {

    @TempDir
    Path stackDir;

    @Test
    void kafka_port_in_use_fails_the_start_and_stops_the_other_servers() throws Exception {
        StackPorts ports = StackPorts.free();
        ServerSocket taken = new ServerSocket(ports.kafka(), 1, InetAddress.getLoopbackAddress());
        try {
            assertThatThrownBy(() -> LocalStack.start(stackDir, ports).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kafka")
                    .hasMessageContaining("exited during startup")
                    .hasMessageContaining("Address already in use");
        } finally {
            taken.close();
        }

        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(stackDir.toString())).orElse(false)))
                .as("processes started for " + stackDir).isEmpty();
        assertThat(Files.list(stackDir).filter(f -> f.toString().endsWith(".pid"))).as("pid files").isEmpty();
    }
}
