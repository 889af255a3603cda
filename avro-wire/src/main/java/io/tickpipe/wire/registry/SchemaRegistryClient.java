package io.tickpipe.wire.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickpipe.common.schema.CompatibilityLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        int id = RegistryAnswers.requiredInt(answer, "id", "register under " + subject);
        remember(subject, schema, id);
        return id;
    }

    /** The registration of exactly this schema under the subject, if there is one. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/subjects/" + encode(subject), schemaBody(schema));
            RegisteredSchema found = new RegisteredSchema(subject,
                    RegistryAnswers.requiredInt(answer, "id", "lookup in " + subject), RegistryAnswers.version(answer), schema);
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
        Schema schema = RegistryAnswers.schema(answer, "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The latest version registered under the subject (not cached: it changes). */
    public RegisteredSchema latest(String subject) {
        JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/latest");
        Schema schema = RegistryAnswers.schema(answer, "latest version of " + subject);
        int id = RegistryAnswers.requiredInt(answer, "id", "latest version of " + subject);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, id, RegistryAnswers.version(answer), schema);
    }

    /** Whether the registry would accept {@code schema} as the next version of {@code subject}, and why not. */
    public CompatibilityCheck testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
            return RegistryAnswers.compatibilityCheck(answer);
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
            return RegistryAnswers.level(http.get("/config/" + encode(subject) + "?defaultToGlobal=true"), "subject " + subject);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return globalCompatibility();
            }
            throw e;
        }
    }

    /** The registry's default level for subjects without their own. */
    public CompatibilityLevel globalCompatibility() {
        return RegistryAnswers.level(http.get("/config"), "the global configuration");
    }

    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = RegistryAnswers.JSON.createObjectNode().put("compatibility", level.name());
        return RegistryAnswers.levelSet(http.put("/config/" + encode(subject), body), level, "subject " + subject);
    }

    public List<String> subjects() {
        return RegistryAnswers.subjects(http.get("/subjects"));
    }

    public List<Integer> versions(String subject) {
        return RegistryAnswers.versions(http.get("/subjects/" + encode(subject) + "/versions"));
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
        return RegistryAnswers.JSON.createObjectNode()
                .put("schema", schema.toString())
                .put("schemaType", "AVRO");
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
