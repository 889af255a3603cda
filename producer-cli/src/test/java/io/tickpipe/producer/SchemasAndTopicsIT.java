package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.market.Trade;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tickpipe topics} and {@code tickpipe schemas} against the real broker and registry. */
class SchemasAndTopicsIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(REGISTRY));

    @Test
    void topicsAreCreatedOnceAndDescribed() {
        CliRun created = CliRun.of("topics", "create", "--topic-prefix", "topics-it", "--partitions", "4",
                "--topic-config", "retention.ms=3600000", "--bootstrap-servers", KAFKA);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().lines()).containsExactly(
                "topics-it.trades: created (4 partitions, replication 1)",
                "topics-it.trades.dlq: created (4 partitions, replication 1)",
                "topics-it.quotes: created (4 partitions, replication 1)",
                "topics-it.quotes.dlq: created (4 partitions, replication 1)");
        CliRun again = CliRun.of("topics", "create", "--topic-prefix", "topics-it", "--bootstrap-servers", KAFKA);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("topics-it.quotes.dlq: exists already");
        CliRun described = CliRun.of("topics", "describe", "--topic-prefix", "topics-it", "--bootstrap-servers", KAFKA);
        assertThat(described.out()).contains("topics-it.trades: 4 partitions, replication 1").contains("  partition 3 leader 1 replicas [1]");
    }

    @Test
    void registerSetsDeclaredLevelsAndCheckExplainsARefusal(@TempDir Path dir) throws IOException {
        CliRun registered = CliRun.of("schemas", "register", "--topic-prefix", "schemas-it", "--schema-registry", REGISTRY);
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("schemas-it.trades-value: io.tickpipe.market.Trade registered as schema id")
                .contains("compatibility FULL_TRANSITIVE");
        assertThat(registry.compatibility("schemas-it.trades-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(registry.latest("schemas-it.quotes-value").schema().getFullName()).isEqualTo("io.tickpipe.market.Quote");

        Path breaking = Files.writeString(dir.resolve("trade-v3.avsc"), Trade.getClassSchema().toString()
                .replace("{\"name\":\"currency\"", "{\"name\":\"venue_id\",\"type\":\"long\"},{\"name\":\"currency\""));
        CliRun refused = CliRun.of("schemas", "check", breaking.toString(), "--topic-prefix", "schemas-it", "--schema-registry", REGISTRY);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT compatible with schemas-it.trades-value");

        Path compatible = Files.writeString(dir.resolve("trade-v3-ok.avsc"), Trade.getClassSchema().toString()
                .replace("{\"name\":\"currency\"", "{\"name\":\"venue_id\",\"type\":\"long\",\"default\":0},{\"name\":\"currency\""));
        CliRun accepted = CliRun.of("schemas", "check", compatible.toString(), "--topic-prefix", "schemas-it", "--schema-registry", REGISTRY);
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("compatible with schemas-it.trades-value");

        CliRun set = CliRun.of("schemas", "compatibility", "--set", "backward", "--topic-prefix", "schemas-it", "--schema-registry", REGISTRY);
        assertThat(set.out()).contains("schemas-it.trades-value: BACKWARD (declared FULL_TRANSITIVE)");
        assertThat(registry.compatibility("schemas-it.quotes-value")).isEqualTo(CompatibilityLevel.BACKWARD);

        assertThat(CliRun.of("schemas", "list", "--schema-registry", REGISTRY).out())
                .contains("schemas-it.trades-value: versions [1], latest id");
    }

    @Test
    void anUnreachableRegistryIsReportedWithExitCode1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("produce", "--symbols", "AAPL", "--count", "1", "--quiet", "--bootstrap-servers", KAFKA,
                "--schema-registry", "http://127.0.0.1:" + closedPort);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("tickpipe produce: cannot reach the schema registry at http://127.0.0.1:" + closedPort)
                .contains("failed after 6 attempts");
    }
}
