package io.tickpipe.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** String records in and out of a single-partition topic, for checking a broker really works. */
final class KafkaTestClient {

    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Properties settings;

    KafkaTestClient(String bootstrapServers) {
        this(bootstrapServers, new Properties());
    }

    /** With more client settings, e.g. those of a SASL listener. */
    KafkaTestClient(String bootstrapServers, Properties settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    /** The settings of a Kafka client properties file. */
    static Properties settingsOf(Path clientConfig) throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(clientConfig)) {
            settings.load(in);
        }
        return settings;
    }

    private Properties config() {
        Properties config = new Properties();
        config.putAll(settings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(config())) {
            return admin.listTopics().names().get();
        }
    }

    void send(String topic, String key, String value) throws Exception {
        Properties config = config();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** All records of partition 0 from the beginning, once at least {@code expected} have arrived. */
    List<ConsumerRecord<String, String>> read(String topic, int expected) {
        Properties config = config();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
