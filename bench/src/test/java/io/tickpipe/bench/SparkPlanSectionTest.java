package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SparkPlanSection} over the excerpt of {@link SparkEventLogTest} and variations of it. */
class SparkPlanSectionTest {

    private static List<String> section(List<String> lines, long deadLetters) throws IOException {
        return SparkPlanSection.lines(SparkEventLogTest.read(lines, SparkEventLogTest.NAME), deadLetters);
    }

    private static String row(List<String> section, String query, String figure) {
        return section.stream().filter(l -> l.startsWith("| " + query + " | " + figure)).findFirst().orElseThrow();
    }

    @Test
    void theExcerptIsAsDesigned() throws IOException {
        List<String> section = section(SparkEventLogTest.excerpt(), 0);

        assertThat(section.get(0)).isEqualTo("== Spark plan: how Spark 3.5.7 ran the micro-batches (master local[4]: 4 task slots) ==");
        assertThat(row(section, "analytics", "Spark jobs per micro-batch"))
                .isEqualTo("| analytics | Spark jobs per micro-batch (2 batches, 0 with more than one job) | 1 | 1 "
                        + "| 1, the query's one action | as designed |");
        assertThat(row(section, "analytics", "stages per micro-batch")).isEqualTo("| analytics | stages per micro-batch | 1 | 2 | - |  |");
        assertThat(row(section, "analytics", "tasks per stage"))
                .isEqualTo("| analytics | tasks per stage (3 stages) | 2 | 2 | <= 2, the state partitions | as designed |");
        assertThat(row(section, "ingest", "Spark jobs per micro-batch"))
                .isEqualTo("| ingest | Spark jobs per micro-batch (2 batches, 0 with more than one job) | 1 | 1 "
                        + "| 1 without dead letters (none in this run) | as designed |");
        assertThat(row(section, "ingest", "tasks per stage"))
                .isEqualTo("| ingest | tasks per stage (1 stage) | 2 | 2 | <= 2, half the 4 task slots | as designed |");
        assertThat(section).noneMatch(l -> l.contains(SparkPlanSection.DIFFERS + " |"));
    }

    @Test
    void aSecondJobInAnIngestBatchWithoutDeadLettersDiffers() throws IOException {
        List<String> lines = SparkEventLogTest.excerpt();
        lines.add(SparkEventLogTest.jobStart(lines, 2).replace("\"Job ID\":2,", "\"Job ID\":9,"));

        assertThat(row(section(lines, 0), "ingest", "Spark jobs per micro-batch"))
                .isEqualTo("| ingest | Spark jobs per micro-batch (2 batches, 1 with more than one job) | 1 | 2 "
                        + "| 1 without dead letters (none in this run) | differs |");
        assertThat(row(section(lines, 7), "ingest", "Spark jobs per micro-batch"))
                .isEqualTo("| ingest | Spark jobs per micro-batch (2 batches, 1 with more than one job) | 1 | 2 "
                        + "| 1 without dead letters (7 dead-lettered in this run: not judged) |  |");
    }

    @Test
    void aSecondJobInAnAnalyticsBatchDiffers() throws IOException {
        List<String> lines = SparkEventLogTest.excerpt();
        lines.add(SparkEventLogTest.jobStart(lines, 3).replace("\"Job ID\":3,", "\"Job ID\":9,"));

        assertThat(row(section(lines, 0), "analytics", "Spark jobs per micro-batch"))
                .isEqualTo("| analytics | Spark jobs per micro-batch (2 batches, 1 with more than one job) | 1 | 2 "
                        + "| 1, the query's one action | differs |");
    }

    @Test
    void moreTasksThanTheLimitsDiffer() throws IOException {
        List<String> lines = SparkEventLogTest.excerpt();
        // The ingest stage (line 10) in 3 tasks of 4 slots; an analytics stage (line 13) in 3 of 2 state partitions.
        lines.set(9, lines.get(9).replace("\"Number of Tasks\":2,", "\"Number of Tasks\":3,"));
        lines.set(12, lines.get(12).replace("\"Number of Tasks\":2,", "\"Number of Tasks\":3,"));

        List<String> section = section(lines, 0);

        assertThat(row(section, "ingest", "tasks per stage")).endsWith("| 3 | 3 | <= 2, half the 4 task slots | differs |");
        assertThat(row(section, "analytics", "tasks per stage")).endsWith("| 2 | 3 | <= 2, the state partitions | differs |");
    }

    @Test
    void oneSlotLeavesTheIngestQueryOneTask() throws IOException {
        List<String> lines = SparkEventLogTest.excerpt();
        lines.set(1, lines.get(1).replace("\"Total Cores\":4", "\"Total Cores\":1"));

        assertThat(row(section(lines, 0), "ingest", "tasks per stage")).endsWith("| <= 1, half the 1 task slots | differs |");
    }

    @Test
    void aQueryWithoutBatchesSaysSo() throws IOException {
        List<String> lines = SparkEventLogTest.excerpt();
        lines.removeIf(l -> l.contains("\"spark.scheduler.pool\":\"analytics\""));

        assertThat(section(lines, 0)).contains("| analytics | no micro-batch in the event log | | | | |");
    }
}
