package io.tickpipe.spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCheckpointTest {

    @Test
    void readsTheLastPlannedAndCommittedBatchesAndTheirKafkaOffsets(@TempDir Path dir) throws IOException {
        QueryCheckpoint checkpoint = new QueryCheckpoint(dir);
        assertThat(checkpoint.lastCommitted()).isEmpty();
        assertThat(checkpoint.committedKafkaOffsets()).isEmpty();

        Files.createDirectories(dir.resolve("offsets"));
        Files.createDirectories(dir.resolve("commits"));
        // As Spark 3.5 writes them: version, batch metadata, one line per source.
        Files.writeString(dir.resolve("offsets/9"), "v1\n{\"batchWatermarkMs\":0}\n{\"market.trades\":{\"1\":40,\"0\":7}}");
        Files.writeString(dir.resolve("offsets/10"), "v1\n{\"batchWatermarkMs\":5}\n{\"market.trades\":{\"1\":52,\"0\":9},\"market.quotes\":{\"0\":3}}");
        Files.writeString(dir.resolve("offsets/.10.crc"), "");
        Files.writeString(dir.resolve("commits/9"), "v1\n{\"nextBatchWatermarkMs\":0}");

        assertThat(checkpoint.lastPlanned()).hasValue(10);
        assertThat(checkpoint.lastCommitted()).hasValue(9);
        assertThat(checkpoint.committedKafkaOffsets()).hasValue(Map.of(
                new TopicPartition("market.trades", 0), 7L, new TopicPartition("market.trades", 1), 40L));
        assertThat(checkpoint.kafkaOffsets(10)).containsEntry(new TopicPartition("market.quotes", 0), 3L).hasSize(3);
    }

    @Test
    void somethingElseIsNotTakenForOffsets() {
        assertThatThrownBy(() -> QueryCheckpoint.parseKafkaOffsets("v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not Kafka source offsets: v1");
    }
}
