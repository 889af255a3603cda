package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkEventLog} over an excerpt of a real event log of the streaming job (Spark 3.5.7,
 * {@code local[4]}; lines trimmed of fields not read): ingest batch 0 is one job with no stage (no
 * records yet), ingest batch 1 one job with one stage of 2 tasks; analytics batch 0 one job that lists
 * 2 stages but submits one (2 tasks), analytics batch 1 one job with 2 stages of 2 tasks. A task start
 * and an SQL execution start sit between them, as in any log.
 */
class SparkEventLogTest {
    static final Path NAME = Path.of("local-1796395088777");

    static List<String> excerpt() throws IOException {
        try (InputStream in = SparkEventLogTest.class.getResourceAsStream("stream-job-events.jsonl")) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    static SparkEventLog.Plan read(List<String> lines, Path name) throws IOException {
        return SparkEventLog.read(new StringReader(String.join("\n", lines) + "\n"), name);
    }

    /** The line of the excerpt that starts job {@code id}. */
    static String jobStart(List<String> lines, int id) {
        return lines.stream().filter(l -> l.startsWith("{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + id + ","))
                .findFirst().orElseThrow();
    }

    @Test
    void readsJobsStagesAndTasksPerPoolAndBatch() throws IOException {
        SparkEventLog.Plan plan = read(excerpt(), NAME);

        assertThat(plan.sparkVersion()).isEqualTo("3.5.7");
        assertThat(plan.master()).isEqualTo("local[4]");
        assertThat(plan.taskSlots()).isEqualTo(4);
        assertThat(plan.complete()).isTrue();
        assertThat(plan.queries()).containsOnlyKeys("analytics", "ingest");

        SparkEventLog.Query analytics = plan.queries().get("analytics");
        assertThat(analytics.jobsPerBatch()).containsExactly(1, 1);
        assertThat(analytics.stagesPerBatch()).containsExactly(1, 2);
        assertThat(analytics.tasksPerStage()).containsExactly(2, 2, 2);
        assertThat(analytics.statePartitions()).isEqualTo(2);
        assertThat(analytics.batchesWithMoreThanOneJob()).isZero();

        SparkEventLog.Query ingest = plan.queries().get("ingest");
        assertThat(ingest.jobsPerBatch()).containsExactly(1, 1);
        assertThat(ingest.stagesPerBatch()).containsExactly(0, 1);
        assertThat(ingest.tasksPerStage()).containsExactly(2);
    }

    @Test
    void countsEveryJobOfABatch() throws IOException {
        List<String> lines = excerpt();
        // Ingest batch 1 runs a second job (as one with dead letters does), its own job id.
        lines.add(jobStart(lines, 2).replace("\"Job ID\":2,", "\"Job ID\":9,"));

        SparkEventLog.Query ingest = read(lines, NAME).queries().get("ingest");

        assertThat(ingest.jobsPerBatch()).containsExactly(1, 2);
        assertThat(ingest.batchesWithMoreThanOneJob()).isEqualTo(1);
    }

    @Test
    void batchesInBatchIdOrderWhateverTheLogOrder() throws IOException {
        List<String> lines = excerpt();
        String batch0 = jobStart(lines, 0);
        lines.remove(batch0);
        lines.add(batch0.replace("\"Job ID\":0,", "\"Job ID\":10,"));
        lines.add(batch0.replace("\"Job ID\":0,", "\"Job ID\":11,"));

        assertThat(read(lines, NAME).queries().get("ingest").jobsPerBatch()).containsExactly(2, 1);
    }

    @Test
    void jobsOutsideAPoolOrABatchAreNotAQuerysBatches() throws IOException {
        List<String> lines = excerpt();
        String job = jobStart(lines, 2);
        lines.add(job.replace("\"Job ID\":2,", "\"Job ID\":20,").replace("\"spark.scheduler.pool\":\"ingest\",", ""));
        lines.add(job.replace("\"Job ID\":2,", "\"Job ID\":21,").replace("\"streaming.sql.batchId\":\"1\",", ""));

        assertThat(read(lines, NAME).queries().get("ingest").jobsPerBatch()).containsExactly(1, 1);
    }

    @Test
    void slotsAreTheMostCoresAliveAtOnce() throws IOException {
        List<String> lines = excerpt();
        String driver = lines.get(1);
        lines.add(driver.replace("\"driver\"", "\"1\"").replace("\"Total Cores\":4", "\"Total Cores\":3"));
        lines.add("{\"Event\":\"SparkListenerExecutorRemoved\",\"Timestamp\":1796395200000,\"Executor ID\":\"1\",\"Removed Reason\":\"x\"}");
        lines.add(driver.replace("\"driver\"", "\"2\"").replace("\"Total Cores\":4", "\"Total Cores\":2"));

        assertThat(read(lines, NAME).taskSlots()).isEqualTo(4 + 3);
    }

    @Test
    void aLineThatIsNotJsonIsAnErrorNamingFileAndLine() throws IOException {
        List<String> lines = excerpt();
        String cut = lines.get(5).substring(0, 120);
        lines.set(5, cut);

        assertThatThrownBy(() -> read(lines, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(NAME + ":6: not a JSON event");
    }

    @Test
    void theCutLastLineOfALogInProgressIsSkipped() throws IOException {
        List<String> lines = excerpt();
        String last = lines.remove(lines.size() - 1);
        lines.add(last.substring(0, 100));
        Path inProgress = Path.of(NAME + ".inprogress");

        SparkEventLog.Plan plan = read(lines, inProgress);

        assertThat(plan.complete()).isFalse();
        assertThat(plan.queries().get("analytics").tasksPerStage()).containsExactly(2, 2);
        assertThatThrownBy(() -> read(lines, NAME)).hasMessageStartingWith(NAME + ":" + lines.size() + ": not a JSON event");
    }

    @Test
    void aStageWithoutItsTaskCountIsAnErrorNamingTheField() throws IOException {
        List<String> lines = excerpt();
        lines.set(5, lines.get(5).replace("\"Number of Tasks\":2,", ""));

        assertThatThrownBy(() -> read(lines, NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NAME + ":6 (SparkListenerStageSubmitted): no \"Number of Tasks\"");
    }

    @Test
    void aBatchIdThatIsNotANumberIsAnError() throws IOException {
        List<String> lines = excerpt();
        lines.set(3, lines.get(3).replace("\"streaming.sql.batchId\":\"0\"", "\"streaming.sql.batchId\":\"zero\""));

        assertThatThrownBy(() -> read(lines, NAME))
                .hasMessage(NAME + ":4 (SparkListenerJobStart): streaming.sql.batchId is not a batch id: \"zero\"");
    }

    @Test
    void mergeKeepsEachJobsBatchesAndTheFewestSlots(@TempDir Path dir) throws IOException {
        List<String> lines = excerpt();
        Path first = Files.createDirectories(dir.resolve("job-1"));
        Files.write(first.resolve(NAME.toString()), lines);
        Path second = Files.createDirectories(dir.resolve("job-2"));
        List<String> two = new ArrayList<>(lines);
        two.set(1, two.get(1).replace("\"Total Cores\":4", "\"Total Cores\":2"));
        Files.write(second.resolve("local-2"), two);

        SparkEventLog.Plan merged = SparkEventLog.Plan.merge(List.of(SparkEventLog.read(first), SparkEventLog.read(second)));

        assertThat(merged.logs()).containsExactly(first.resolve(NAME.toString()), second.resolve("local-2"));
        assertThat(merged.taskSlots()).isEqualTo(2);
        assertThat(merged.sparkVersion()).isEqualTo("3.5.7");
        assertThat(merged.queries().get("ingest").jobsPerBatch()).containsExactly(1, 1, 1, 1);
        assertThat(merged.queries().get("analytics").tasksPerStage()).containsExactly(2, 2, 2, 2, 2, 2);
    }

    @Test
    void aDirectoryWithoutOneLogIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> SparkEventLog.read(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("expected one Spark event log in " + dir + ", found 0");
    }
}
