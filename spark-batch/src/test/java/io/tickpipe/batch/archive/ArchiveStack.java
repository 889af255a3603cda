package io.tickpipe.batch.archive;

import io.tickpipe.spark.job.KafkaSettings;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/** The archive ITs' fixture: a fixture's topics on the test stack, replays into them, archive runs over them. */
final class ArchiveStack {

    final StackFixture fixture;
    final Path workDir;

    /** What one run printed, and its report. */
    record Run(Archive.Report report, String printed) {
    }

    ArchiveStack(String name, Path workDir) {
        this.fixture = StackFixture.fresh(TestStack.shared(), name);
        this.workDir = workDir;
    }

    /** `tickpipe produce --source replay --speed 0` of the files, merged by event time. */
    void replay(Path... files) {
        String list = Arrays.stream(files).map(Path::toString).collect(Collectors.joining(","));
        Producer.produce(workDir, fixture.produceArgs("--source", "replay", "--speed", "0", "--replay-file", list));
    }

    void produceRaw(String topic, byte[] value) {
        KafkaIo.produceRaw(fixture.stack.kafkaBootstrapServers(), topic, "AAPL", List.of(value));
    }

    ArchiveConfig config(LocalDate from, LocalDate to, Path archiveDir) {
        return new ArchiveConfig(new KafkaSettings(fixture.stack.kafkaBootstrapServers(), Map.of(), fixture.prefix),
                Map.of("schema.registry.url", fixture.stack.schemaRegistryUrl()), from, to, archiveDir.toString());
    }

    Run archive(LocalDate from, LocalDate to, Path archiveDir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Archive.Report report = Archive.run(LocalSpark.session(), config(from, to, archiveDir),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(report, printed.toString(StandardCharsets.UTF_8));
    }

    /** Deletes the records of a topic partition before {@code offset}, as retention deletes the oldest. */
    void deleteRecords(String topic, int partition, long offset) {
        deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)));
    }

    void deleteRecords(Map<TopicPartition, RecordsToDelete> which) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.stack.kafkaBootstrapServers()))) {
            admin.deleteRecords(which).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete records " + which, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
