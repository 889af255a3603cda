package io.tickpipe.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;

/** What the job's queries asked of Spark, per scheduler pool (= query): Spark jobs per micro-batch and tasks per stage. */
final class JobsPerPool extends SparkListener {
    private static final String POOL = "spark.scheduler.pool";
    private static final String BATCH_ID = "streaming.sql.batchId";

    /** pool -> micro-batch id -> Spark jobs it ran. */
    final Map<String, Map<String, Integer>> jobsPerBatch = new ConcurrentHashMap<>();
    /** pool -> number of tasks of each stage it submitted. */
    final Map<String, List<Integer>> stageTasks = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String pool = start.properties() == null ? null : start.properties().getProperty(POOL);
        String batch = start.properties() == null ? null : start.properties().getProperty(BATCH_ID);
        if (pool != null && batch != null) {
            jobsPerBatch.computeIfAbsent(pool, p -> new ConcurrentHashMap<>()).merge(batch, 1, Integer::sum);
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        String pool = submitted.properties() == null ? null : submitted.properties().getProperty(POOL);
        if (pool != null) {
            stageTasks.computeIfAbsent(pool, p -> new CopyOnWriteArrayList<>()).add(submitted.stageInfo().numTasks());
        }
    }
}
