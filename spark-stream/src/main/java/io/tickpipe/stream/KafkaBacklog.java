package io.tickpipe.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
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
 */
final class KafkaBacklog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;
    private KafkaConsumer<byte[], byte[]> consumer;

    KafkaBacklog(StreamConfig config) {
        Map<String, Object> properties = new HashMap<>(config.kafkaOptions());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "tickpipe-stream-backlog");
        this.consumerConfig = properties;
    }

    /**
     * Records behind the latest, summed over the partitions of a source's end offset as Spark's Kafka
     * source writes it ({@code {"topic":{"0":123,"1":456}}}).
     */
    long behind(String endOffsetJson) throws java.io.IOException {
        Map<TopicPartition, Long> read = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> topics = JSON.readTree(endOffsetJson).fields();
        while (topics.hasNext()) {
            Map.Entry<String, JsonNode> topic = topics.next();
            Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            while (partitions.hasNext()) {
                Map.Entry<String, JsonNode> partition = partitions.next();
                read.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())), partition.getValue().asLong());
            }
        }
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
    public void close() {
        if (consumer != null) {
            consumer.close(TIMEOUT);
            consumer = null;
        }
    }
}
