package io.tickpipe.wire.kafka;

import io.tickpipe.common.schema.SubjectNameStrategy;
import io.tickpipe.wire.registry.RegistryConfig;
import java.util.Map;

/**
 * The serializer and deserializer settings, under Confluent's keys and with Confluent's defaults,
 * so swapping Confluent's classes for these (or back) is a change of class names only.
 */
record AvroSerdeConfig(RegistryConfig registry, boolean autoRegister, boolean useLatestVersion,
                       SubjectNameStrategy subjectNameStrategy, boolean specificReader) {
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    static final String USE_LATEST_VERSION = "use.latest.version";
    static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        String strategyKey = isKey ? SubjectNameStrategy.KEY_CONFIG : SubjectNameStrategy.VALUE_CONFIG;
        Object strategy = configs.get(strategyKey);
        return new AvroSerdeConfig(
                RegistryConfig.from(configs),
                flag(configs, AUTO_REGISTER_SCHEMAS, true),
                flag(configs, USE_LATEST_VERSION, false),
                strategy == null ? SubjectNameStrategy.TOPIC_NAME : SubjectNameStrategy.parse(strategy.toString()),
                flag(configs, SPECIFIC_AVRO_READER, false));
    }

    private static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }
}
