package io.tickpipe.batch.archive;

import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.wire.WireFormatException;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Everything a fixture's trades and quotes topics hold, read with a plain Kafka consumer and the
 * project's Kafka deserializer (no Spark): the decodable records, and how many were not, per topic
 * and reason.
 */
record TopicContents(List<ArchivedRecord> records, Map<String, Long> undecodable) {

    static TopicContents of(StackFixture fixture) {
        String kafka = fixture.stack.kafkaBootstrapServers();
        List<ArchivedRecord> records = new ArrayList<>();
        Map<String, Long> undecodable = new TreeMap<>();
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", fixture.stack.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
            for (ArchiveTable table : ArchiveTable.values()) {
                String topic = table == ArchiveTable.TRADES ? fixture.tradesTopic() : fixture.quotesTopic();
                int count = (int) KafkaIo.recordCount(kafka, topic);
                for (ConsumerRecord<String, byte[]> record : KafkaIo.consumeRaw(kafka, topic, count)) {
                    GenericRecord value;
                    try {
                        value = (GenericRecord) deserializer.deserialize(topic, record.value());
                    } catch (WireFormatException e) {
                        undecodable.merge(key(topic, e.reason().name()), 1L, Long::sum);
                        continue;
                    }
                    List<Object> values = new ArrayList<>();
                    for (String field : table.recordFields()) {
                        values.add(ArchivedRecord.plain(value.get(field)));
                    }
                    long micros = (Long) values.get(table.recordFields().indexOf(ArchiveTable.EVENT_TIME));
                    records.add(new ArchivedRecord(table, ArchivedRecord.utcDate(micros), record.partition(), record.offset(), values));
                }
            }
        }
        return new TopicContents(records, undecodable);
    }

    static String key(String topic, String reason) {
        return topic + " " + reason;
    }

    /** The records of {@code table} with an event date in [{@code from}, {@code to}]. */
    List<ArchivedRecord> of(ArchiveTable table, java.time.LocalDate from, java.time.LocalDate to) {
        return records.stream().filter(r -> r.table() == table && !r.date().isBefore(from) && !r.date().isAfter(to)).toList();
    }
}
