package io.tickpipe.wire.kafka;

import io.tickpipe.wire.ConfluentAvroEncoder;
import io.tickpipe.wire.registry.RegisteredSchema;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records (generated or generic) in the Confluent wire format, a
 * drop-in for {@code io.confluent.kafka.serializers.KafkaAvroSerializer} with the same keys:
 * {@code schema.registry.url}, {@code auto.register.schemas} (default true),
 * {@code use.latest.version}, {@code key/value.subject.name.strategy}, {@code basic.auth.*}.
 *
 * <p>Records are always written with their own schema. With {@code auto.register.schemas=false} the
 * schema must already be registered under the subject; with {@code use.latest.version=true} it must
 * moreover be the subject's latest version (compared in Avro's canonical form), which pins producers
 * to what the registry holds.
 */
public class KafkaAvroSerializer implements Serializer<Object> {
    private record SubjectKey(String topic, Schema schema) {
    }

    /** An id recently used, known by the identity of its topic name and schema. */
    private record RecentId(String topic, Schema schema, int id) {
    }

    /**
     * Enough for a producer's few topics (trades and quotes, each with its record type): one that
     * alternates between them, record by record, then finds every id here without a map lookup.
     */
    private static final int RECENT_IDS = 8;

    private final ConfluentAvroEncoder encoder = new ConfluentAvroEncoder();
    private final Map<SubjectKey, Integer> ids = new ConcurrentHashMap<>();
    private AvroSerdeConfig config;
    private SchemaRegistryClient registry;
    private boolean isKey;
    /** Copied on write, never longer than {@link #RECENT_IDS}: a race loses an entry, never an id. */
    private volatile RecentId[] recent = new RecentId[0];

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.registry = SchemaRegistryClient.shared(config.registry());
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, Object record) {
        if (record == null) {
            return null;
        }
        if (!(record instanceof GenericContainer container)) {
            throw new SerializationException("KafkaAvroSerializer writes Avro records, got "
                    + record.getClass().getName() + " for topic " + topic);
        }
        if (config == null) {
            throw new IllegalStateException("KafkaAvroSerializer used before configure()");
        }
        Schema schema = container.getSchema();
        return encoder.encode(schemaId(topic, schema), schema, record);
    }

    private int schemaId(String topic, Schema schema) {
        RecentId[] known = recent;
        for (RecentId candidate : known) {
            if (candidate.topic() == topic && candidate.schema() == schema) {
                return candidate.id();
            }
        }
        int id = ids.computeIfAbsent(new SubjectKey(topic, schema), key -> registeredId(topic, schema));
        if (known.length < RECENT_IDS) {
            RecentId[] more = Arrays.copyOf(known, known.length + 1);
            more[known.length] = new RecentId(topic, schema, id);
            recent = more;
        }
        return id;
    }

    private int registeredId(String topic, Schema schema) {
        String subject = config.subjectNameStrategy().subject(topic, isKey, schema);
        if (config.useLatestVersion()) {
            RegisteredSchema latest = registry.latest(subject);
            if (!SchemaNormalization.toParsingForm(latest.schema()).equals(SchemaNormalization.toParsingForm(schema))) {
                throw new SerializationException("use.latest.version: the latest version (" + latest.version()
                        + ", id " + latest.id() + ") of subject '" + subject + "' is not the schema of this "
                        + schema.getFullName() + " record");
            }
            return latest.id();
        }
        return config.autoRegister() ? registry.register(subject, schema) : registry.idOf(subject, schema);
    }
}
