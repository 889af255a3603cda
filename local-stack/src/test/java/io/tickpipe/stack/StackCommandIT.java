package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stack up/status/down` as the Makefile runs them: each in a JVM of its own. */
class StackCommandIT {

    private static final List<String> SERVERS = List.of("registry", "influxdb", "kafka");
    private static final long CLI_TIMEOUT_MINUTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stackDir;
    @TempDir
    Path outputDir;

    private final StackPorts ports = StackPorts.free();

    @Test
    void servers_outlive_up_and_their_data_outlives_down() throws Exception {
        Cli up = cli("up");
        assertThat(up.exitCode).as(up.output).isZero();
        Map<String, Long> pids = pids();
        assertThat(pids.keySet()).containsExactlyElementsOf(SERVERS);
        assertThat(pids.values()).as("alive after `up` exited").allMatch(StackCommandIT::alive);

        KafkaTestClient kafka = new KafkaTestClient("127.0.0.1:" + ports.kafka());
        RegistryTestClient registry = new RegistryTestClient("http://127.0.0.1:" + ports.registry() + "/apis/ccompat/v7");
        InfluxTestClient influx = new InfluxTestClient("http://127.0.0.1:" + ports.influx(), "market");
        kafka.createTopic("quotes");
        kafka.send("quotes", "ACME", "101.25");
        Properties saslSettings = KafkaTestClient.settingsOf(saslClientConfig());
        assertThat(new KafkaTestClient("127.0.0.1:" + ports.kafkaSasl(), saslSettings).topics()).contains("quotes");
        int schemaId = registry.register("quotes-value", LocalStackIT.QUOTE_SCHEMA);
        influx.write("quotes,symbol=ACME price=101.25 1700000000000000000");

        Cli again = cli("up");
        assertThat(again.exitCode).isZero();
        assertThat(again.output).contains("already up");
        assertThat(pids()).as("no twins started").isEqualTo(pids);

        Cli status = cli("status");
        assertThat(status.exitCode).as(status.output).isZero();
        assertThat(status.output.lines().filter(line -> line.contains("running"))).hasSize(3);

        Cli down = cli("down");
        assertThat(down.exitCode).as(down.output).isZero();
        assertThat(pids.values()).as("stopped by `down`").noneMatch(StackCommandIT::alive);
        assertThat(pids()).as("pid files after `down`").isEmpty();
        assertThat(cli("status").exitCode).isEqualTo(1);

        Cli upAgain = cli("up");
        assertThat(upAgain.exitCode).as(upAgain.output).isZero();
        assertThat(kafka.topics()).contains("quotes");
        assertThat(KafkaTestClient.settingsOf(saslClientConfig())).as("SASL user kept").isEqualTo(saslSettings);
        assertThat(new KafkaTestClient("127.0.0.1:" + ports.kafkaSasl(), saslSettings).topics()).contains("quotes");
        assertThat(kafka.read("quotes", 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("ACME", "101.25"));
        assertThat(JSON.readTree(registry.schema(schemaId))).isEqualTo(JSON.readTree(LocalStackIT.QUOTE_SCHEMA));
        assertThat(registry.subjects()).extracting(JsonNode::asText).containsExactly("quotes-value");
        JsonNode rows = influx.rows("SELECT price FROM quotes WHERE symbol='ACME'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(1).asDouble()).isEqualTo(101.25);
    }

    /**
     * Kafka data formatted before the broker had a SASL listener has no SASL user, nor a client file:
     * `up` adds a user to the running broker and writes its file.
     */
    @Test
    void a_store_without_the_sasl_user_gets_one() throws Exception {
        assertThat(cli("up").exitCode).isZero();
        new KafkaTestClient("127.0.0.1:" + ports.kafka()).createTopic("kept");
        Properties formatted = KafkaTestClient.settingsOf(saslClientConfig());
        assertThat(cli("down").exitCode).isZero();
        Files.delete(saslClientConfig());

        Cli up = cli("up");
        assertThat(up.exitCode).as(up.output).isZero();

        Properties added = KafkaTestClient.settingsOf(saslClientConfig());
        assertThat(added.getProperty("sasl.jaas.config")).isNotEqualTo(formatted.getProperty("sasl.jaas.config"));
        assertThat(new KafkaTestClient("127.0.0.1:" + ports.kafkaSasl(), added).topics()).contains("kept");
        assertThat(Files.readString(stackDir.resolve("kafka").resolve("add-sasl-user.log")))
                .contains("Completed updating config for user tickpipe")
                .doesNotContain(password(added));
    }

    private Path saslClientConfig() {
        return stackDir.resolve("kafka").resolve("sasl-client.properties");
    }

    private static String password(Properties saslSettings) {
        Matcher password = Pattern.compile("password=\"([^\"]+)\"").matcher(saslSettings.getProperty("sasl.jaas.config"));
        assertThat(password.find()).isTrue();
        return password.group(1);
    }

    @AfterEach
    void stopWhatUpStarted() throws Exception {
        Map<String, Long> left = pids();
        cli("down");
        // Should `down` itself be broken, still stop exactly what this test started.
        left.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String server : SERVERS) {
            Path pidFile = stackDir.resolve(server + ".pid");
            if (Files.exists(pidFile)) {
                pids.put(server, Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        return pids;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private record Cli(int exitCode, String output) {
    }

    private Cli cli(String command) throws Exception {
        Path output = outputDir.resolve(command + "-" + System.nanoTime() + ".out");
        String classes = Path.of(StackCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(Jvm.executable(), "-cp", classes, StackCommand.class.getName(), command)
                .redirectErrorStream(true)
                // A file, not a pipe: nothing then depends on who else might hold the pipe open.
                .redirectOutput(output.toFile());
        builder.environment().put(StackCommand.STACK_DIR, stackDir.toString());
        builder.environment().putAll(ports.toEnvironment());
        Process process = builder.start();
        if (!process.waitFor(CLI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("`stack " + command + "` still running after " + CLI_TIMEOUT_MINUTES
                    + " min:\n" + Files.readString(output));
        }
        return new Cli(process.exitValue(), Files.readString(output));
    }
}
