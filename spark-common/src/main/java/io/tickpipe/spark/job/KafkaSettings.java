package io.tickpipe.spark.job;

import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.schemas.MarketContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Where a job reads its topics: the Kafka cluster, extra client settings and the topics' prefix. */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientOptions, String topicPrefix) {

    /**
     * Consumer settings of Spark's Kafka source unless the user set them. The source pays three round
     * trips to the broker for each poll of a partition (the fetch, then the partition's earliest and
     * latest offsets), so the fewer polls a micro-batch needs, the sooner its records are in:
     * <ul>
     *   <li>{@code max.poll.records}: Kafka's 500 takes several polls for a partition's second of
     *       records; a fetch brings at most {@code max.partition.fetch.bytes} (1 MiB by default)
     *       anyway, so this bounds nothing else;</li>
     *   <li>{@code fetch.max.wait.ms} 0: after each poll the consumer already asks for the next
     *       records, and the broker would answer that as soon as the first few arrive; the next
     *       micro-batch's first poll then returns those few and needs a second poll for the rest.
     *       Answered at once and empty, it leaves the next micro-batch one fetch that brings all.
     *       Spark only polls for offsets it knows exist, so the consumer never spins on an empty
     *       partition.</li>
     * </ul>
     */
    static final Map<String, String> SOURCE_CONSUMER_DEFAULTS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100000",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");

    public KafkaSettings {
        clientOptions = Map.copyOf(clientOptions);
    }

    /** The settings the shared command-line options give. */
    public static KafkaSettings from(KafkaOptions kafka, TopicPrefixOption topics) {
        return new KafkaSettings(kafka.bootstrapServers(), kafka.clientSettings(), topics.prefix());
    }

    public String tradesTopic() {
        return MarketContract.TRADES.topic(topicPrefix);
    }

    public String quotesTopic() {
        return MarketContract.QUOTES.topic(topicPrefix);
    }

    /** Kafka client settings in the form Spark's Kafka source and sink take them. */
    public Map<String, String> sparkOptions() {
        return sparkOptions(clientOptions);
    }

    /** {@link #sparkOptions()} for Spark's Kafka source: with the consumer defaults above. */
    public Map<String, String> sparkSourceOptions() {
        Map<String, String> client = new LinkedHashMap<>(SOURCE_CONSUMER_DEFAULTS);
        client.putAll(clientOptions);
        return sparkOptions(client);
    }

    private Map<String, String> sparkOptions(Map<String, String> client) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrapServers);
        client.forEach((key, value) -> options.put("kafka." + key, value));
        return options;
    }
}
