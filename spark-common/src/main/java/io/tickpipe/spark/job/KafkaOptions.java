package io.tickpipe.spark.job;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Kafka options of both jobs (a picocli mixin). */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = {"-K", "--kafka-option"}, paramLabel = "KEY=VALUE",
            description = "Extra Kafka client setting, e.g. security.protocol=SSL. Repeatable.")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(names = "--topic-prefix", defaultValue = "market",
            description = "Topics are <prefix>.trades and <prefix>.quotes (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    public KafkaSettings settings() {
        return new KafkaSettings(bootstrapServers, kafkaOptions, topicPrefix);
    }
}
