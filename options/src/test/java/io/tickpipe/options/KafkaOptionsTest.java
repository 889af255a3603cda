package io.tickpipe.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** Where a Kafka client's settings come from: the client-config file, -X over it, and the SASL login from the environment. */
class KafkaOptionsTest {

    private static final String FILE_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"file\" password=\"f\";";
    private static final String ENV_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"env\" password=\"e\";";

    @Command(name = "kafka-command")
    static final class KafkaCommand {
        @Mixin
        KafkaOptions kafka;
    }

    @TempDir
    Path dir;

    private static KafkaOptions parse(String... args) {
        KafkaCommand command = new KafkaCommand();
        new CommandLine(command).parseArgs(args);
        return command.kafka;
    }

    private Path clientConfig(String content) throws IOException {
        return Files.writeString(dir.resolve("client.properties"), content);
    }

    @Test
    void theEnvironmentGivesTheSaslLoginWhenNeitherTheFileNorXDoes() throws IOException {
        Path file = clientConfig("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n");
        Map<String, String> settings = parse("--client-config", file.toString())
                .clientSettings(Map.of(KafkaOptions.SASL_JAAS_CONFIG_ENV, "  " + ENV_LOGIN + "\n"));

        assertThat(settings).containsExactly(Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"), Map.entry("sasl.jaas.config", ENV_LOGIN));
    }

    @Test
    void theFileAndXWinOverTheEnvironment() throws IOException {
        Path file = clientConfig("sasl.jaas.config=" + FILE_LOGIN + "\n");
        Map<String, String> env = Map.of(KafkaOptions.SASL_JAAS_CONFIG_ENV, ENV_LOGIN);

        assertThat(parse("--client-config", file.toString()).clientSettings(env)).containsEntry("sasl.jaas.config", FILE_LOGIN);
        assertThat(parse("--client-config", file.toString(), "-X", "sasl.jaas.config=x").clientSettings(env))
                .containsEntry("sasl.jaas.config", "x");
    }

    @Test
    void aBlankVariableSetsNothing() {
        assertThat(parse().clientSettings(Map.of(KafkaOptions.SASL_JAAS_CONFIG_ENV, " "))).isEmpty();
        assertThat(parse().clientSettings(Map.of())).isEmpty();
    }
}
