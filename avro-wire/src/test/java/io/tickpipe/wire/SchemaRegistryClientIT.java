package io.tickpipe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.registry.IncompatibleSchemaException;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.registry.SchemaRegistryException;
import io.tickpipe.wire.testing.KafkaIo;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry client against a real Confluent-API registry (Apicurio's ccompat API). */
class SchemaRegistryClientIT {
    private static Schema record(String name, String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"it\",\"fields\":["
                + fields + "]}");
    }

    private static final Schema V1 = record("Order", "{\"name\":\"qty\",\"type\":\"long\"}");
    private static final Schema V2 = record("Order", "{\"name\":\"qty\",\"type\":\"long\"},"
            + "{\"name\":\"venue\",\"type\":\"string\",\"default\":\"XNAS\"}");
    private static final Schema BREAKS_V2 = record("Order", "{\"name\":\"qty\",\"type\":\"string\"}");

    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().schemaRegistryUrl()));

    @Test
    void registersLooksUpAndFetchesById() {
        String subject = KafkaIo.uniqueTopic("orders") + "-value";
        int id1 = client.register(subject, V1);
        int id2 = client.register(subject, V2);
        assertThat(id2).isNotEqualTo(id1);
        // A fresh client (empty caches) must get the same answers from the registry itself.
        var fresh = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().schemaRegistryUrl()));
        assertThat(fresh.register(subject, V1)).as("registering again is idempotent").isEqualTo(id1);
        assertThat(fresh.schemaById(id1)).isEqualTo(V1);
        assertThat(fresh.schemaById(id2)).isEqualTo(V2);
        assertThat(fresh.lookup(subject, V2)).hasValueSatisfying(r -> {
            assertThat(r.id()).isEqualTo(id2);
            assertThat(r.version()).isEqualTo(2);
        });
        assertThat(fresh.lookup(subject, BREAKS_V2)).isEmpty();
        assertThat(fresh.latest(subject).schema()).isEqualTo(V2);
        assertThat(fresh.versions(subject)).containsExactly(1, 2);
        assertThat(fresh.subjects()).contains(subject);
    }

    @Test
    void enforcesTheSubjectsCompatibilityLevel() {
        String subject = KafkaIo.uniqueTopic("orders") + "-value";
        client.register(subject, V1);
        // Apicurio's global default is NONE (Confluent's is BACKWARD): levels must be set per subject.
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.compatibility("not-a-subject-" + subject)).as("others keep the global level")
                .isEqualTo(CompatibilityLevel.NONE);

        assertThat(client.testCompatibility(subject, V2).compatible()).isTrue();
        var verdict = client.testCompatibility(subject, BREAKS_V2);
        assertThat(verdict.compatible()).isFalse();

        assertThatThrownBy(() -> client.register(subject, BREAKS_V2))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining(subject);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isNotFound()).isTrue();
                });
    }
}
