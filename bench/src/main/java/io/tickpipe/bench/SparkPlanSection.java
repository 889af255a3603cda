package io.tickpipe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "Spark plan" section the streaming benchmarks print after their run: per query, Spark jobs per
 * micro-batch, stages per micro-batch and tasks per stage, beside what docs/tuning.md says the job
 * asks of Spark, each marked "as designed" or "differs". A figure, not a check: a Spark version that
 * plans a batch differently shows here, and the build stays green.
 *
 * <p>The expectations: an {@code ingest} micro-batch is one Spark job when it has no dead letters
 * ({@code IngestBatch}) and reads in at most half the task slots ({@code StreamTopology.ingestTasks});
 * an {@code analytics} micro-batch is one Spark job (its sink writes in one action: a second would
 * run the stateful step again) and its stages have at most as many tasks as the query has state
 * partitions ({@code StreamTopology.stateTasks}). Printed as a Markdown table, so its rows can be
 * quoted in the docs as they are.
 */
final class SparkPlanSection {
    static final String ANALYTICS = "analytics";
    static final String INGEST = "ingest";
    static final String AS_DESIGNED = "as designed";
    static final String DIFFERS = "differs";

    private SparkPlanSection() {
    }

    /**
     * The section's lines. {@code deadLetters}: records the ingest query sent to the dead-letter topics
     * during the run (a batch with some runs more Spark jobs, by design).
     */
    static List<String> lines(SparkEventLog.Plan plan, long deadLetters) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "== Spark plan: how Spark %s ran the micro-batches (master %s: %d task slots) ==",
                plan.sparkVersion(), plan.master(), plan.taskSlots()));
        out.add("from Spark's event log" + (plan.logs().size() > 1 ? "s" : "") + ": "
                + String.join(", ", plan.logs().stream().map(Object::toString).toList())
                + (plan.complete() ? "" : " (a job did not stop cleanly: its log may lack the last events)"));
        out.add("| query | figure | p50 | max | expected (docs/tuning.md, docs/architecture.md) | |");
        out.add("|---|---|---|---|---|---|");
        for (String pool : List.of(ANALYTICS, INGEST)) {
            SparkEventLog.Query q = plan.queries().get(pool);
            if (q == null || q.jobsPerBatch().isEmpty()) {
                out.add("| " + pool + " | no micro-batch in the event log | | | | |");
                continue;
            }
            String jobsExpected = "-";
            String jobsVerdict = "";
            String tasksExpected;
            String tasksVerdict;
            int maxTasks = max(q.tasksPerStage());
            if (pool.equals(INGEST)) {
                if (deadLetters == 0) {
                    jobsExpected = "1 without dead letters (none in this run)";
                    jobsVerdict = max(q.jobsPerBatch()) == 1 ? AS_DESIGNED : DIFFERS;
                } else {
                    jobsExpected = "1 without dead letters (" + deadLetters + " dead-lettered in this run: not judged)";
                }
                int limit = Math.max(1, plan.taskSlots() / 2);
                tasksExpected = String.format(Locale.ROOT, "<= %d, half the %d task slots", limit, plan.taskSlots());
                tasksVerdict = verdict(q.tasksPerStage(), maxTasks <= limit);
            } else {
                jobsExpected = "1, the query's one action";
                jobsVerdict = max(q.jobsPerBatch()) == 1 ? AS_DESIGNED : DIFFERS;
                if (q.statePartitions() < 0) {
                    tasksExpected = "<= the state partitions (not in the event log)";
                    tasksVerdict = "";
                } else {
                    tasksExpected = String.format(Locale.ROOT, "<= %d, the state partitions", q.statePartitions());
                    tasksVerdict = verdict(q.tasksPerStage(), maxTasks <= q.statePartitions());
                }
            }
            out.add(row(pool, String.format(Locale.ROOT, "Spark jobs per micro-batch (%s, %d with more than one job)",
                    count(q.jobsPerBatch().size(), "batch", "batches"), q.batchesWithMoreThanOneJob()), q.jobsPerBatch(),
                    jobsExpected, jobsVerdict));
            out.add(row(pool, "stages per micro-batch", q.stagesPerBatch(), "-", ""));
            out.add(row(pool, "tasks per stage (" + count(q.tasksPerStage().size(), "stage", "stages") + ")",
                    q.tasksPerStage(), tasksExpected, tasksVerdict));
        }
        out.add("(figures, not checks: \"" + DIFFERS + "\" means Spark planned otherwise than the docs describe, "
                + "as a Spark upgrade may)");
        return out;
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String verdict(List<Integer> values, boolean within) {
        return values.isEmpty() ? "" : within ? AS_DESIGNED : DIFFERS;
    }

    private static String row(String pool, String figure, List<Integer> values, String expected, String verdict) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", pool, figure, p50(values),
                values.isEmpty() ? "-" : Integer.toString(max(values)), expected, verdict);
    }

    private static String p50(List<Integer> values) {
        double[] sorted = values.stream().mapToDouble(Integer::doubleValue).sorted().toArray();
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", StreamRig.percentile(sorted, 50));
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
