package io.tickpipe.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final String SERVERS = "kafka-1:9092,kafka-2:9092";

    @Test
    void theSourceReadsAPartitionsBatchInOnePollUnlessTheUserSaysOtherwise() {
        KafkaSettings settings = new KafkaSettings(SERVERS, Map.of("security.protocol", "SSL"), "market");
        assertThat(settings.sparkSourceOptions())
                .containsEntry("kafka.bootstrap.servers", SERVERS)
                .containsEntry("kafka.security.protocol", "SSL")
                .containsEntry("kafka.max.poll.records", "100000")
                .containsEntry("kafka.fetch.max.wait.ms", "0")
                .hasSize(4);
    }

    @Test
    void theUsersConsumerSettingsWin() {
        KafkaSettings settings = new KafkaSettings(SERVERS,
                Map.of("max.poll.records", "500", "fetch.max.wait.ms", "100"), "market");
        assertThat(settings.sparkSourceOptions())
                .containsEntry("kafka.max.poll.records", "500")
                .containsEntry("kafka.fetch.max.wait.ms", "100");
    }

    @Test
    void theSinksProducerGetsNoConsumerSettings() {
        KafkaSettings settings = new KafkaSettings(SERVERS, Map.of("client.rack", "a"), "market");
        assertThat(settings.sparkOptions()).containsOnly(
                Map.entry("kafka.bootstrap.servers", SERVERS), Map.entry("kafka.client.rack", "a"));
    }
}
