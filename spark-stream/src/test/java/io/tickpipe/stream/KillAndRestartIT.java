package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.checkpoint.QueryCheckpoint;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SparkJobProcess;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 twice while data arrives, restart each time from the checkpoint: the bars, indicators
 * and anomalies in InfluxDB then equal those of one uninterrupted run over the same input.
 */
class KillAndRestartIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final int CHUNK_SECONDS = 20;
    private static final int CHUNKS = 6;
    // Wider than a chunk, so a batch that sees one partition's part of a chunk before another's
    // never makes the rest late: what is final then depends on the input only, not on batch boundaries.
    private static final String WATERMARK = "30 seconds";

    @Test
    void resultsAfterKillsEqualThoseOfOneUninterruptedRun(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture killed = StackFixture.fresh(stack, "killed");
        List<MarketCsv> chunks = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            chunks.add(MarketCsv.write(dir, 100 + i, SYMBOLS, START.plusSeconds((long) CHUNK_SECONDS * i), CHUNK_SECONDS, 3));
        }
        Path killedCheckpoints = Files.createDirectories(dir.resolve("killed"));
        String[] killedArgs = killed.jobArgs(killedCheckpoints, "--watermark", WATERMARK, "--sma-period", "5");
        QueryCheckpoint analytics = new QueryCheckpoint(killedCheckpoints.resolve("checkpoints").resolve(StreamTopology.ANALYTICS));
        Path log = dir.resolve("job.log");

        SparkJobProcess job = SparkJobProcess.start("spark-stream", StreamJob.class.getName(), log, killedArgs);
        try {
            produce(dir, killed, chunks.get(0));
            produce(dir, killed, chunks.get(1));
            awaitCommits(analytics, 1, job);        // two batches done
            job.kill9();

            produce(dir, killed, chunks.get(2));       // arrives while the job is down
            job = SparkJobProcess.start("spark-stream", StreamJob.class.getName(), log, killedArgs);
            produce(dir, killed, chunks.get(3));
            long before = analytics.lastCommitted().orElse(-1);
            awaitCommits(analytics, before + 1, job);
            job.kill9();                               // typically in the middle of the next batch

            job = SparkJobProcess.start("spark-stream", StreamJob.class.getName(), log, killedArgs);
            produce(dir, killed, chunks.get(4));
            produce(dir, killed, chunks.get(5));
            awaitSettled(stack, killed, killedCheckpoints, job);
        } finally {
            job.close();
        }

        // The same topics read once, from the start, without interruption, into a database of its own.
        StackFixture reference = killed.withDatabase("reference");
        Path referenceCheckpoints = Files.createDirectories(dir.resolve("reference"));
        try (SparkJobProcess uninterrupted = SparkJobProcess.start("spark-stream", StreamJob.class.getName(), dir.resolve("reference.log"),
                reference.jobArgs(referenceCheckpoints, "--watermark", WATERMARK, "--sma-period", "5"))) {
            awaitSettled(stack, reference, referenceCheckpoints, uninterrupted);
        }

        for (String measurement : List.of("bars", "indicators", "anomalies")) {
            Map<String, Map<String, Object>> afterKills = byKey(killed.influx().rows("SELECT * FROM " + measurement));
            Map<String, Map<String, Object>> once = byKey(reference.influx().rows("SELECT * FROM " + measurement));
            assertThat(afterKills.keySet()).as("%s points", measurement).isEqualTo(once.keySet());
            afterKills.forEach((key, row) -> assertThat(row).as("%s %s", measurement, key).isEqualTo(once.get(key)));
        }
        assertThat(killed.influx().count("SELECT count(\"close\") FROM bars WHERE final = true")).isGreaterThan(300);
        assertThat(killed.influx().count("SELECT count(sma_5) FROM indicators")).isGreaterThan(250);
    }

    private static void produce(Path dir, StackFixture fixture, MarketCsv chunk) {
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                "--replay-file", chunk.trades.toString(), "--replay-file", chunk.quotes.toString()));
    }

    private static void awaitCommits(QueryCheckpoint checkpoint, long batchId, SparkJobProcess job) {
        Eventually.until(Duration.ofMinutes(2), () -> checkpoint.lastCommitted().orElse(-1) >= batchId || !job.isAlive(),
                () -> "last committed batch " + checkpoint.lastCommitted());
        assertThat(job.isAlive()).as("job alive; log:%n%s", job.log()).isTrue();
    }

    /** Both queries have committed batches up to the topics' ends, and no batch (such as the one closing bars) follows for a while. */
    private static void awaitSettled(LocalStack stack, StackFixture fixture, Path checkpoints, SparkJobProcess job) {
        QueryCheckpoint analytics = new QueryCheckpoint(checkpoints.resolve("checkpoints").resolve(StreamTopology.ANALYTICS));
        QueryCheckpoint ingest = new QueryCheckpoint(checkpoints.resolve("checkpoints").resolve(StreamTopology.INGEST));
        Map<TopicPartition, Long> tradeEnds = endOffsets(stack, fixture.tradesTopic());
        Map<TopicPartition, Long> allEnds = new HashMap<>(tradeEnds);
        allEnds.putAll(endOffsets(stack, fixture.quotesTopic()));
        OptionalLong[] seen = {OptionalLong.empty()};
        int[] stableFor = {0};
        Eventually.until(Duration.ofMinutes(3), () -> {
            if (!job.isAlive()) {
                throw new AssertionError("job died; log:\n" + job.log());
            }
            boolean caughtUp = caughtUp(analytics, tradeEnds) && caughtUp(ingest, allEnds);
            OptionalLong last = analytics.lastCommitted();
            stableFor[0] = caughtUp && last.equals(seen[0]) ? stableFor[0] + 1 : 0;
            seen[0] = last;
            return stableFor[0] >= 16;   // polled every 250 ms: 4 s, sixteen default triggers without a new batch
        }, () -> "analytics planned " + analytics.lastPlanned() + " committed " + analytics.lastCommitted()
                + " of " + tradeEnds);
    }

    /** Every planned batch is done and the last one read up to the topics' end offsets. */
    private static boolean caughtUp(QueryCheckpoint checkpoint, Map<TopicPartition, Long> endOffsets) {
        OptionalLong committed = checkpoint.lastCommitted();
        return committed.isPresent() && committed.equals(checkpoint.lastPlanned())
                && checkpoint.kafkaOffsets(committed.getAsLong()).equals(endOffsets);
    }

    private static Map<TopicPartition, Long> endOffsets(LocalStack stack, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> keyed = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            String key = row.get("time") + "|" + row.get("symbol") + "|" + row.get("interval") + "|" + row.get("kind");
            assertThat(keyed.put(key, row)).as("one point per key %s", key).isNull();
        }
        return keyed;
    }
}
