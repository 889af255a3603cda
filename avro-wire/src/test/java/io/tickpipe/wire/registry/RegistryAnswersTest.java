package io.tickpipe.wire.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickpipe.common.schema.CompatibilityLevel;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Answers a registry should not give, each refused as a SchemaRegistryException that says what it lacked. */
class RegistryAnswersTest {

    @Test
    void anUnknownCompatibilityLevelIsARegistryErrorNamingIt() throws IOException {
        // Found by RegistryAnswersFuzzTest: CompatibilityLevel's IllegalArgumentException escaped the client.
        JsonNode answer = RegistryAnswers.json("{\"compatibilityLevel\":\"BACKWARD_TRA<hd>NSITIVE\"}");
        assertThatThrownBy(() -> RegistryAnswers.level(answer, "subject s"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(200))
                .hasMessageStartingWith("schema registry answered for subject s: unknown compatibility level "
                        + "'BACKWARD_TRA<hd>NSITIVE'");

        JsonNode confirmed = RegistryAnswers.json("{\"compatibility\":\"SIDEWAYS\"}");
        assertThatThrownBy(() -> RegistryAnswers.levelSet(confirmed, CompatibilityLevel.FULL, "subject s"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("unknown compatibility level 'SIDEWAYS'");
        assertThat(RegistryAnswers.levelSet(RegistryAnswers.json("{}"), CompatibilityLevel.FULL, "subject s"))
                .isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void aSchemaAvroCannotParseIsARegistryErrorNamingTheRequest() throws IOException {
        // Found by RegistryAnswersFuzzTest: Avro's SchemaParseException escaped the client (and the decoder).
        // The schema text, {"type":"record", ends before its record does.
        JsonNode answer = RegistryAnswers.json("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\"}");
        assertThatThrownBy(() -> RegistryAnswers.schema(answer, "schema id 7"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("schema registry returned a schema for schema id 7 that is not a valid Avro schema: ")
                .hasCauseInstanceOf(org.apache.avro.SchemaParseException.class);

        // Avro refuses some schemas with its AvroRuntimeException rather than a SchemaParseException.
        JsonNode duplicate = RegistryAnswers.json("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\","
                + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"},"
                + "{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}");
        assertThatThrownBy(() -> RegistryAnswers.schema(duplicate, "schema id 8"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("schema registry returned a schema for schema id 8 that is not a valid Avro schema: ")
                .hasMessageContaining("Duplicate field a");
    }
}
