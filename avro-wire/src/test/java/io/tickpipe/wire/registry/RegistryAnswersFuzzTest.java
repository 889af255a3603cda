package io.tickpipe.wire.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickpipe.common.schema.CompatibilityLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Fuzz target of the registry client's reading of answers ({@link RegistryAnswers}, which
 * {@link SchemaRegistryClient} and {@link RegistryHttp} call on every response body): any bytes as
 * the body of an answer, read as an error answer and, when it is JSON, by every reader the client
 * has (a schema, an id, a version, a compatibility level, a compatibility verdict, subjects and
 * versions). Each ends in a value or a {@link SchemaRegistryException} that says what the answer
 * lacked; a body that is not JSON is an {@link IOException}, which the client retries. Any other
 * exception, a hang or unbounded memory is a finding. HTTP and retries are not fuzzed:
 * {@code RegistryHttpTest} covers them against a real server.
 *
 * <p>{@code make test} runs it over its corpus in
 * {@code src/test/resources/io/tickpipe/wire/registry/RegistryAnswersFuzzTestInputs/answer/};
 * {@code make fuzz} fuzzes it (docs/testing.md#fuzzing).
 */
class RegistryAnswersFuzzTest {

    @FuzzTest
    void answer(byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        SchemaRegistryException error = RegistryAnswers.clientError("GET", "/schemas/ids/7", 404, body);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.getMessage()).startsWith("schema registry GET /schemas/ids/7 answered HTTP 404");

        JsonNode answer;
        try {
            answer = RegistryAnswers.json(body);
        } catch (IOException notJson) {
            return;
        }
        read(() -> RegistryAnswers.schema(answer, "schema id 7"));
        read(() -> RegistryAnswers.requiredInt(answer, "id", "register under s"));
        read(() -> RegistryAnswers.version(answer));
        read(() -> RegistryAnswers.level(answer, "subject s"));
        read(() -> RegistryAnswers.levelSet(answer, CompatibilityLevel.BACKWARD, "subject s"));
        read(() -> RegistryAnswers.compatibilityCheck(answer));
        read(() -> RegistryAnswers.subjects(answer));
        read(() -> RegistryAnswers.versions(answer));
    }

    /** A reader's value, or the SchemaRegistryException it documents. */
    private static void read(Supplier<?> reader) {
        try {
            assertThat(reader.get()).isNotNull();
        } catch (SchemaRegistryException e) {
            assertThat(e.getMessage()).startsWith("schema registry ");
        }
    }
}
