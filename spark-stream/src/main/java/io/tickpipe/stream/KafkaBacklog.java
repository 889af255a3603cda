package io.tickpipe.stream;

import io.tickpipe.spark.checkpoint.QueryCheckpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many records a micro-batch left unread: the topics' end offsets now minus the offsets the batch
 * read up to. Spark's own {@code maxOffsetsBehindLatest} compares with the latest offsets it saw
 * when it planned the batch, which it then reads in full, so it stays 0 unless
 * --max-offsets-per-trigger caps the batches: it cannot show a job falling behind.
 *
 * <p>Called on Spark's listener thread and closed by the job's thread while a progress event may still
 * be handled: a KafkaConsumer must not be used by two threads at once, hence the lock.
 */
final class KafkaBacklog implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;
    private KafkaConsumer<byte[], byte[]> consumer;
    private boolean closed;

    KafkaBacklog(StreamConfig config) {
        Map<String, Object> properties = new HashMap<>();
        // The job's own Kafka settings (SASL and SSL included) over the bootstrap servers, as its Spark source has them.
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        properties.putAll(config.kafka().clientOptions());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "tickpipe-stream-backlog");
        this.consumerConfig = properties;
    }

    /**
     * Records behind the latest, summed over the partitions of a source's end offset as Spark's Kafka
     * source writes it ({@code {"topic":{"0":123,"1":456}}}).
     */
    synchronized long behind(String endOffsetJson) {
        if (closed) {
            throw new IllegalStateException("the job is stopping");
        }
        Map<TopicPartition, Long> read = QueryCheckpoint.parseKafkaOffsets(endOffsetJson);
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> latest : consumer.endOffsets(read.keySet(), TIMEOUT).entrySet()) {
            behind += Math.max(0, latest.getValue() - read.get(latest.getKey()));
        }
        return behind;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (consumer != null) {
            consumer.close(TIMEOUT);
            consumer = null;
        }
    }
}
