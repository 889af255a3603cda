package io.tickpipe.wire.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickpipe.common.schema.CompatibilityLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (also served by Apicurio under
 * {@code /apis/ccompat/v7}). Ids and registrations are immutable in a registry, so they are cached
 * for the life of the JVM: {@link #shared(RegistryConfig)} hands every serializer, deserializer and
 * Spark task of a JVM the same client, and an id is fetched once.
 */
public final class SchemaRegistryClient {
    private static final Map<String, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final RegistryConfig config;
    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        this.http = new RegistryHttp(config);
    }

    /** The one client of this JVM for these URLs and credentials. */
    public static SchemaRegistryClient shared(RegistryConfig config) {
        return SHARED.computeIfAbsent(config.cacheKey(), key -> new SchemaRegistryClient(config));
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} (idempotent: an identical schema gets its
     * existing id) and returns its global id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility level refuses it
     */
    public int register(String subject, Schema schema) {
        Integer cached = idsOf(subject).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = http.post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.status() == 409) {
                throw new IncompatibleSchemaException(subject, e.getMessage(), e.errorCode());
            }
            throw e;
        }
        int id = requiredInt(answer, "id", "register under " + subject);
        remember(subject, schema, id);
        return id;
    }

    /** The registration of exactly this schema under the subject, if there is one. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/subjects/" + encode(subject), schemaBody(schema));
            RegisteredSchema found = new RegisteredSchema(subject, requiredInt(answer, "id", "lookup in " + subject),
                    answer.path("version").asInt(-1), schema);
            remember(subject, schema, found.id());
            return Optional.of(found);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The id of a schema already registered under the subject, from the cache when known. */
    public int idOf(String subject, Schema schema) {
        Integer cached = idsOf(subject).get(schema);
        if (cached != null) {
            return cached;
        }
        return lookup(subject, schema).map(RegisteredSchema::id).orElseThrow(() -> new SchemaRegistryException(
                "schema " + schema.getFullName() + " is not registered under subject '" + subject + "'", 404,
                SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when the
     *     registry has no such id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.get("/schemas/ids/" + id);
        Schema schema = parse(answer, "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The latest version registered under the subject (not cached: it changes). */
    public RegisteredSchema latest(String subject) {
        JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/latest");
        Schema schema = parse(answer, "latest version of " + subject);
        int id = requiredInt(answer, "id", "latest version of " + subject);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, id, answer.path("version").asInt(-1), schema);
    }

    /** Whether the registry would accept {@code schema} as the next version of {@code subject}, and why not. */
    public CompatibilityCheck testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
            List<String> messages = new ArrayList<>();
            answer.path("messages").forEach(m -> messages.add(m.asText()));
            return new CompatibilityCheck(answer.path("is_compatible").asBoolean(false), messages);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return new CompatibilityCheck(true, List.of("subject '" + subject + "' has no versions yet"));
            }
            throw e;
        }
    }

    /**
     * The compatibility level in force for the subject: its own, or else the registry's global one.
     * Confluent answers that to {@code defaultToGlobal=true}; Apicurio answers the global level for a
     * subject without its own but 404 for a subject with no versions, hence the explicit fallback.
     */
    public CompatibilityLevel compatibility(String subject) {
        try {
            return level(http.get("/config/" + encode(subject) + "?defaultToGlobal=true"), subject);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return globalCompatibility();
            }
            throw e;
        }
    }

    /** The registry's default level for subjects without their own. */
    public CompatibilityLevel globalCompatibility() {
        return level(http.get("/config"), "the global configuration");
    }

    private static CompatibilityLevel level(JsonNode answer, String what) {
        String level = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
        if (level.isEmpty()) {
            throw new SchemaRegistryException("schema registry answered no compatibility level for " + what, 200, -1);
        }
        return CompatibilityLevel.parse(level);
    }

    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = RegistryHttp.JSON.createObjectNode().put("compatibility", level.name());
        JsonNode answer = http.put("/config/" + encode(subject), body);
        return CompatibilityLevel.parse(answer.path("compatibility").asText(level.name()));
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        http.get("/subjects").forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        http.get("/subjects/" + encode(subject) + "/versions").forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    /** The registry's verdict on a candidate schema, with its reasons when it is incompatible. */
    public record CompatibilityCheck(boolean compatible, List<String> messages) {
    }

    private Map<Schema, Integer> idsOf(String subject) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    private void remember(String subject, Schema schema, int id) {
        idsOf(subject).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static ObjectNode schemaBody(Schema schema) {
        return RegistryHttp.JSON.createObjectNode()
                .put("schema", schema.toString())
                .put("schemaType", "AVRO");
    }

    private static Schema parse(JsonNode answer, String what) {
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("schema registry returned no schema for " + what, 200, -1);
        }
        return new Schema.Parser().parse(text.asText());
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry answer to " + what + " has no '" + field + "'", 200, -1);
        }
        return value.asInt();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
