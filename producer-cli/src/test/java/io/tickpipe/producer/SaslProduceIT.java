package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.options.KafkaOptions;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickpipe topics create} and {@code produce} through the stack's SASL/SCRAM listener, the
 * login from the --client-config file or from KAFKA_SASL_JAAS_CONFIG; without it, or with a wrong
 * password, nothing is sent.
 */
class SaslProduceIT {
    private static final LocalStack STACK = TestStack.shared();
    private static final String SASL = STACK.kafkaSaslBootstrapServers();
    private static final Pattern SUMMARY = Pattern.compile("summary: (\\d+) events sent, (\\d+) acknowledged, (\\d+) failed");

    @TempDir
    Path dir;

    private final String prefix = "sasl-" + UUID.randomUUID().toString().substring(0, 8);

    private static String[] produceArgs(String prefix, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("produce", "--topic-prefix", prefix, "--bootstrap-servers", SASL,
                "--schema-registry", STACK.schemaRegistryUrl(), "--symbols", "AAPL,MSFT", "--seed", "7",
                "--start-time", "2026-03-02T14:30:00Z", "--rate", "0", "--quiet"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static long[] summary(String err) {
        Matcher m = SUMMARY.matcher(err);
        assertThat(m.find()).as("summary in:%n%s", err).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    private static long recordsOf(String prefix) {
        return KafkaIo.recordCount(STACK.kafkaBootstrapServers(), prefix + ".trades")
                + KafkaIo.recordCount(STACK.kafkaBootstrapServers(), prefix + ".quotes");
    }

    private static String stackLogin() throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(STACK.kafkaSaslClientConfig())) {
            settings.load(in);
        }
        return settings.getProperty(KafkaOptions.SASL_JAAS_CONFIG);
    }

    @Test
    void topicsAndEventsGoThroughTheSaslListenerWithTheClientFile() {
        String clientConfig = STACK.kafkaSaslClientConfig().toString();
        CliRun topics = CliRun.of("topics", "create", "--topic-prefix", prefix, "--partitions", "2",
                "--bootstrap-servers", SASL, "--client-config", clientConfig);
        assertThat(topics.exitCode()).as(topics.err()).isZero();

        CliRun produce = CliRun.of(produceArgs(prefix, "--count", "500", "--client-config", clientConfig));

        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(summary(produce.err())).containsExactly(500, 500, 0);
        assertThat(recordsOf(prefix)).as("read back through the plaintext listener").isEqualTo(500);
    }

    @Test
    void theLoginMayComeFromTheEnvironment() throws Exception {
        Path withoutLogin = Files.writeString(dir.resolve("sasl.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n");
        assertThat(CliRun.of("topics", "create", "--topic-prefix", prefix, "--bootstrap-servers",
                STACK.kafkaBootstrapServers()).exitCode()).isZero();

        CliProcess produce = CliProcess.run(dir, Map.of(KafkaOptions.SASL_JAAS_CONFIG_ENV, stackLogin()),
                produceArgs(prefix, "--count", "300", "--client-config", withoutLogin.toString()));

        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(summary(produce.err())).containsExactly(300, 300, 0);
        assertThat(recordsOf(prefix)).isEqualTo(300);
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordNothingIsSent() throws IOException {
        assertThat(CliRun.of("topics", "create", "--topic-prefix", prefix, "--bootstrap-servers",
                STACK.kafkaBootstrapServers()).exitCode()).isZero();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        Path wrong = Files.writeString(dir.resolve("wrong.properties"), "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=SCRAM-SHA-512\n" + "sasl.jaas.config=" + stackLogin().replaceAll("password=\"[^\"]*\"",
                "password=\"" + wrongPassword + "\"") + "\n");

        CliRun anonymous = CliRun.of(produceArgs(prefix, "--count", "10", "--connect-timeout", "5s"));
        CliRun refused = CliRun.of(produceArgs(prefix, "--count", "10", "--client-config", wrong.toString()));

        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.err()).contains("cannot reach Kafka at " + SASL + " within 5 s");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Kafka at " + SASL + " refused the login: Authentication failed during"
                + " authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")
                .doesNotContain(wrongPassword);
        assertThat(recordsOf(prefix)).isZero();
    }
}
