package io.tickpipe.wire.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.wire.registry.SchemaRegistryClient.CompatibilityCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * What the registry's answers say: the JSON of a response body, and each value the client reads
 * from one. Kept apart from HTTP and its retries ({@link RegistryHttp}) so that they can be tested,
 * and fuzzed, on any text a server might send.
 */
final class RegistryAnswers {
    static final ObjectMapper JSON = new ObjectMapper();

    private RegistryAnswers() {
    }

    /**
     * The JSON of a successful answer; an empty body is JSON null.
     *
     * @throws IOException when the body is not JSON ({@link RegistryHttp} retries it as it retries an outage)
     */
    static JsonNode json(String body) throws IOException {
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    /** A 4xx answer as an exception, with Confluent's {@code error_code} and {@code message} when the body has them. */
    static SchemaRegistryException clientError(String method, String path, int status, String body) {
        int errorCode = -1;
        String message = abbreviate(body);
        try {
            JsonNode node = JSON.readTree(body);
            errorCode = node.path("error_code").asInt(-1);
            message = node.path("message").asText(message);
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        return new SchemaRegistryException("schema registry " + method + " " + path + " answered HTTP "
                + status + (errorCode > 0 ? " (error " + errorCode + ")" : "") + ": " + message, status, errorCode);
    }

    /**
     * The schema an answer to {@code what} carries in its {@code schema} field.
     *
     * @throws SchemaRegistryException when there is none, or Avro cannot parse it (Avro's own
     *                                 exception would otherwise escape the client, and the decoder)
     */
    static Schema schema(JsonNode answer, String what) {
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("schema registry returned no schema for " + what, 200, -1);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (AvroRuntimeException e) {
            throw new SchemaRegistryException("schema registry returned a schema for " + what
                    + " that is not a valid Avro schema: " + e.getMessage(), 200, -1, e);
        }
    }

    /** The integer {@code field} an answer to {@code what} must have. */
    static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry answer to " + what + " has no '" + field + "'", 200, -1);
        }
        return value.asInt();
    }

    /** The subject version an answer names, or -1 when it names none. */
    static int version(JsonNode answer) {
        return answer.path("version").asInt(-1);
    }

    /** The compatibility level of a {@code /config} answer ({@code compatibilityLevel}, or {@code compatibility}). */
    static CompatibilityLevel level(JsonNode answer, String what) {
        String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
        if (level.isEmpty()) {
            throw new SchemaRegistryException("schema registry answered no compatibility level for " + what, 200, -1);
        }
        return parseLevel(level, what);
    }

    /** The level a {@code PUT /config} answer for {@code what} confirms, or {@code requested} when it repeats none. */
    static CompatibilityLevel levelSet(JsonNode answer, CompatibilityLevel requested, String what) {
        return parseLevel(answer.path("compatibility").asText(requested.name()), what);
    }

    private static CompatibilityLevel parseLevel(String level, String what) {
        try {
            return CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("schema registry answered for " + what + ": " + e.getMessage(), 200, -1);
        }
    }

    /** The verdict of a compatibility check, with its messages. */
    static CompatibilityCheck compatibilityCheck(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityCheck(answer.path("is_compatible").asBoolean(false), messages);
    }

    /** The subject names of a {@code /subjects} answer. */
    static List<String> subjects(JsonNode answer) {
        List<String> subjects = new ArrayList<>();
        answer.forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    /** The version numbers of a {@code /subjects/{subject}/versions} answer. */
    static List<Integer> versions(JsonNode answer) {
        List<Integer> versions = new ArrayList<>();
        answer.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
