package io.tickpipe.common.schema;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * Confluent's three ways to name the subject a schema is registered under. Configured by
 * Confluent's class names ({@code io.confluent.kafka.serializers.subject.RecordNameStrategy}) or the
 * short names, so a Confluent configuration keeps working.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema per topic (Confluent's default). */
    TOPIC_NAME,
    /** The record's full name: one schema per record type, across topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TOPIC_RECORD_NAME;

    public static final String KEY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_CONFIG = "value.subject.name.strategy";

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    public static SubjectNameStrategy parse(String configured) {
        String simple = configured.substring(configured.lastIndexOf('.') + 1).trim();
        return switch (simple.toLowerCase(Locale.ROOT)) {
            case "topicnamestrategy", "topic_name" -> TOPIC_NAME;
            case "recordnamestrategy", "record_name" -> RECORD_NAME;
            case "topicrecordnamestrategy", "topic_record_name" -> TOPIC_RECORD_NAME;
            default -> throw new IllegalArgumentException("unknown subject name strategy '" + configured
                    + "'; expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
