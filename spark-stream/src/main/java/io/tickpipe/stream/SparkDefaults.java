package io.tickpipe.stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Settings the job needs unless the user chose otherwise with {@code --conf}. Spark's default of
 * 200 shuffle partitions makes every micro-batch of the stateful query open 200 state stores:
 * seconds of overhead a second-fresh pipeline cannot afford. The number is fixed in the checkpoint
 * at the first start; later changes need a new checkpoint.
 */
final class SparkDefaults {

    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String SCHEDULER_MODE = "spark.scheduler.mode";
    static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";

    private SparkDefaults() {
    }

    /**
     * A builder for the job's own session: FAIR scheduling between the two queries' jobs (bars must
     * not queue behind a long batch of raw points), unless --conf spark.scheduler.mode says otherwise.
     * It can only be set before the SparkContext exists.
     */
    static SparkSession.Builder builder() {
        SparkSession.Builder builder = SparkSession.builder();
        return new SparkConf().contains(SCHEDULER_MODE) ? builder : builder.config(SCHEDULER_MODE, "FAIR");
    }

    /**
     * Before the queries start. A checkpoint on the local file system is written through
     * {@link LocalCheckpointFileManager} (no process started per file); any other goes through
     * Spark's default manager.
     */
    static void apply(SparkSession spark, String checkpointDir) {
        if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
            int cores = spark.sparkContext().defaultParallelism();
            spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, cores));
        }
        if (!spark.conf().contains(CHECKPOINT_FILE_MANAGER) && isLocal(spark, checkpointDir)) {
            spark.conf().set(CHECKPOINT_FILE_MANAGER, LocalCheckpointFileManager.class.getName());
        }
    }

    private static boolean isLocal(SparkSession spark, String dir) {
        String scheme = new Path(dir).toUri().getScheme();
        if (scheme == null) {
            scheme = FileSystem.getDefaultUri(spark.sparkContext().hadoopConfiguration()).getScheme();
        }
        return "file".equals(scheme);
    }
}
