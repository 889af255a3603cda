package io.tickpipe.spark.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads how far a Structured Streaming query has got from its checkpoint directory (local file
 * system): Spark writes {@code offsets/N} when it plans batch N and {@code commits/N} when the batch
 * is done. For tests, benchmarks and operators; the job itself never needs it.
 */
public final class QueryCheckpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public QueryCheckpoint(Path dir) {
        this.dir = dir;
    }

    /** The last batch done, if any. */
    public OptionalLong lastCommitted() {
        return highest(dir.resolve("commits"));
    }

    /** The last batch planned (done or not), if any. */
    public OptionalLong lastPlanned() {
        return highest(dir.resolve("offsets"));
    }

    /** Kafka offsets up to which the last committed batch read; empty before the first commit. */
    public Optional<Map<TopicPartition, Long>> committedKafkaOffsets() {
        OptionalLong last = lastCommitted();
        return last.isEmpty() ? Optional.empty() : Optional.of(kafkaOffsets(last.getAsLong()));
    }

    /** Kafka offsets (next offset to read per partition) up to which batch {@code batchId} reads. */
    public Map<TopicPartition, Long> kafkaOffsets(long batchId) {
        try {
            // A version line, the batch metadata, then one line per source: the Kafka source's offsets.
            List<String> lines = Files.readAllLines(dir.resolve("offsets").resolve(Long.toString(batchId)));
            return parseKafkaOffsets(lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spark's Kafka source offsets, {@code {"topic":{"0":123,"1":456}}}. */
    public static Map<TopicPartition, Long> parseKafkaOffsets(String json) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            Iterator<Map.Entry<String, JsonNode>> topics = JSON.readTree(json).fields();
            while (topics.hasNext()) {
                Map.Entry<String, JsonNode> topic = topics.next();
                Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
                while (partitions.hasNext()) {
                    Map.Entry<String, JsonNode> partition = partitions.next();
                    offsets.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                            partition.getValue().asLong());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not Kafka source offsets: " + json, e);
        }
        return offsets;
    }

    private static OptionalLong highest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).max();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
