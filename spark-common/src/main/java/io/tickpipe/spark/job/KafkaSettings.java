package io.tickpipe.spark.job;

import io.tickpipe.schemas.MarketContract;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a job reads its topics: the Kafka cluster, extra client settings and the topics' prefix. */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientOptions, String topicPrefix) {

    public KafkaSettings {
        clientOptions = Map.copyOf(clientOptions);
    }

    public String tradesTopic() {
        return MarketContract.TRADES.topic(topicPrefix);
    }

    public String quotesTopic() {
        return MarketContract.QUOTES.topic(topicPrefix);
    }

    /** Kafka client settings in the form Spark's Kafka source and sink take them. */
    public Map<String, String> sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrapServers);
        clientOptions.forEach((key, value) -> options.put("kafka." + key, value));
        return options;
    }
}
