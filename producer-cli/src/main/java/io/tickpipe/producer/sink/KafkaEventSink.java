package io.tickpipe.producer.sink;

import io.tickpipe.schemas.MarketContract;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends market events to their topics, keyed by symbol so each symbol stays ordered in one
 * partition. Idempotent with acks=all by default, so an acknowledged event is in Kafka exactly once;
 * every outcome is counted in {@link SendCounters}.
 */
public final class KafkaEventSink implements AutoCloseable {
    private final KafkaProducer<String, Object> producer;
    private final SendCounters counters;
    private final String topicPrefix;
    private final Map<Schema, Route> routes = new HashMap<>();

    private record Route(String topic, int symbolField, SendCounters.Topic counts) {
    }

    public KafkaEventSink(Map<String, Object> clientProperties, Map<String, Object> serdeProperties, String topicPrefix,
                          SendCounters counters) {
        Map<String, Object> config = new HashMap<>(defaults());
        config.putAll(clientProperties);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeProperties, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        this.counters = counters;
        this.topicPrefix = topicPrefix;
    }

    /** Throughput-minded settings that keep idempotence; anything the user passes wins. */
    public static Map<String, Object> defaults() {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    }

    /** Hands the event to the producer; blocks only while the producer's buffer is full. */
    public void send(SpecificRecord event) {
        Route route = routes.computeIfAbsent(event.getSchema(), this::route);
        String symbol = event.get(route.symbolField()).toString();
        route.counts().sent.increment();
        try {
            producer.send(new ProducerRecord<>(route.topic(), symbol, event), (metadata, error) -> {
                if (error != null) {
                    fail(route.counts(), error);
                } else {
                    route.counts().acknowledged.increment();
                }
            });
        } catch (RuntimeException e) {
            // Refused before it was queued (serialization, a closed producer): counted, then raised.
            fail(route.counts(), e);
            throw e;
        }
    }

    private static void fail(SendCounters.Topic counts, Exception error) {
        counts.failed.increment();
        counts.firstFailure.compareAndSet(null, error.toString());
    }

    private Route route(Schema schema) {
        String topic = MarketContract.forRecord(schema.getFullName()).topic(topicPrefix);
        return new Route(topic, schema.getField("symbol").pos(), counters.topic(topic));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
