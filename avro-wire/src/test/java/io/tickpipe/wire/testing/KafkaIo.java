package io.tickpipe.wire.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produce and read back records on a real broker, for integration tests of every module. */
public final class KafkaIo {
    private KafkaIo() {
    }

    public static void createTopic(String bootstrap, String topic, int partitions) {
        createTopic(bootstrap, topic, partitions, 1, Map.of());
    }

    /** The topic with {@code replicas} copies of each partition and the topic settings {@code configs}. */
    public static void createTopic(String bootstrap, String topic, int partitions, int replicas, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicas).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends every value with the given serializer, keyed as {@code key} says, and waits for each ack. */
    @SuppressWarnings("unchecked")
    public static <V> void produce(String bootstrap, String topic, Serializer<? super V> valueSerializer,
                                   List<V> values, Function<? super V, String> key) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), (Serializer<V>) valueSerializer)) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic, key.apply(value), value)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e.getCause());
        }
    }

    public static void produceRaw(String bootstrap, String topic, String key, List<byte[]> values) {
        produce(bootstrap, topic, new ByteArraySerializer(), values, v -> key);
    }

    /**
     * Reads the first {@code count} records of every partition of the topic from the beginning.
     * Fails, naming how many arrived, when fewer than {@code count} arrive within a minute.
     */
    public static <V> List<ConsumerRecord<String, V>> consume(String bootstrap, String topic, int count,
                                                             Deserializer<V> valueDeserializer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("only " + records.size() + " of " + count + " records arrived on " + topic);
        }
        return records;
    }

    /** How many records the topic holds: the sum over its partitions of end minus start offset. */
    public static long recordCount(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            return partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
        }
    }

    public static List<ConsumerRecord<String, byte[]>> consumeRaw(String bootstrap, String topic, int count) {
        return consume(bootstrap, topic, count, new ByteArrayDeserializer());
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "." + Long.toString(System.nanoTime(), 36);
    }
}
