package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The broker's SASL/SCRAM listener serves the stack's user, with the settings of its client file, and no one else. */
class KafkaSaslIT {

    private final LocalStack stack = TestStack.shared();
    private final String topic = "sasl-" + UUID.randomUUID();

    @Test
    void the_client_file_is_all_a_client_needs_and_only_its_owner_reads_it() throws Exception {
        Properties settings = KafkaTestClient.settingsOf(stack.kafkaSaslClientConfig());
        assertThat(settings).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.kafkaSaslClientConfig())))
                .isEqualTo("rw-------");
        KafkaTestClient sasl = new KafkaTestClient(stack.kafkaSaslBootstrapServers(), settings);

        sasl.createTopic(topic);
        sasl.send(topic, "ACME", "101.25");

        assertThat(sasl.read(topic, 1)).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("ACME", "101.25"));
        // One broker behind both listeners: the plaintext one sees the same record.
        assertThat(new KafkaTestClient(stack.kafkaBootstrapServers()).read(topic, 1)).hasSize(1);
    }

    @Test
    void a_wrong_password_is_refused_by_the_broker() throws Exception {
        Properties settings = KafkaTestClient.settingsOf(stack.kafkaSaslClientConfig());
        String jaas = settings.getProperty("sasl.jaas.config");
        settings.setProperty("sasl.jaas.config", jaas.replaceAll("password=\"[^\"]*\"", "password=\"not-the-password\""));

        assertThatThrownBy(() -> new KafkaTestClient(stack.kafkaSaslBootstrapServers(), settings).topics())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void a_client_without_credentials_is_refused() throws Exception {
        Properties plaintext = new Properties();
        plaintext.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        plaintext.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");

        // The broker closes every connection that asks for anything before authenticating: no answer, ever.
        assertThatThrownBy(() -> new KafkaTestClient(stack.kafkaSaslBootstrapServers(), plaintext).topics())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TimeoutException.class);
        assertThat(Files.readString(stack.directory().resolve("kafka").resolve("kafka.log")))
                .contains("Unexpected Kafka request of type METADATA during SASL handshake");

        // With SASL but no login: the client itself refuses to start.
        Properties noLogin = new Properties();
        noLogin.setProperty("security.protocol", "SASL_PLAINTEXT");
        noLogin.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        assertThatThrownBy(() -> new KafkaTestClient(stack.kafkaSaslBootstrapServers(), noLogin).topics())
                .isInstanceOf(KafkaException.class)
                .rootCause().hasMessageContaining("Could not find a 'KafkaClient' entry in the JAAS configuration");
    }
}
