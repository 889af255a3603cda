package io.tickpipe.stream;

import io.tickpipe.spark.job.SecretRedaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Settings the job needs unless the user chose otherwise with {@code --conf}. Spark's default of
 * 200 shuffle partitions makes every micro-batch of the stateful query open 200 state stores:
 * seconds of overhead a second-fresh pipeline cannot afford; the job uses the number of cores. The
 * number is fixed in the checkpoint at the first start; later changes need a new checkpoint.
 */
final class SparkDefaults {

    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String SCHEDULER_MODE = "spark.scheduler.mode";
    static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
    static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";

    private SparkDefaults() {
    }

    /**
     * A builder for the job's own session: secrets hidden from Spark's UI and event log as {@link
     * SecretRedaction} says, unless --conf spark.redaction.regex says otherwise; FAIR scheduling
     * between the two queries' jobs, unless --conf spark.scheduler.mode says otherwise, with the pools
     * of {@code fairscheduler.xml} (beside this class) unless --conf spark.scheduler.allocation.file
     * names others: a free task slot goes to a waiting bars task before any raw-points task, so bars do
     * not queue behind a long batch of raw points. All can only be set before the SparkContext exists,
     * and Spark reads the pools from a file only (its class path default is not the job jar's), hence
     * the copy in a temporary file.
     */
    static SparkSession.Builder builder() {
        SparkSession.Builder builder = SecretRedaction.apply(SparkSession.builder());
        SparkConf conf = new SparkConf();
        if (conf.contains(SCHEDULER_MODE)) {
            return builder;
        }
        builder.config(SCHEDULER_MODE, "FAIR");
        return conf.contains(ALLOCATION_FILE) ? builder : builder.config(ALLOCATION_FILE, pools().toUri().toString());
    }

    static java.nio.file.Path pools() {
        try (InputStream in = SparkDefaults.class.getResourceAsStream("fairscheduler.xml")) {
            java.nio.file.Path file = Files.createTempFile("tickpipe-pools-", ".xml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scheduler pools to a temporary file", e);
        }
    }

    /**
     * Before the queries start. A checkpoint on the local file system is written through
     * {@link LocalCheckpointFileManager} (no process started per file); any other goes through
     * Spark's default manager.
     */
    static void apply(SparkSession spark, String checkpointDir) {
        if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
            spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, cores(spark)));
        }
        if (!spark.conf().contains(CHECKPOINT_FILE_MANAGER) && isLocal(spark, checkpointDir)) {
            spark.conf().set(CHECKPOINT_FILE_MANAGER, LocalCheckpointFileManager.class.getName());
        }
    }

    /**
     * Cores, not task slots: a local master gets more slots than the machine has cores ({@code make
     * stream} gives twice as many, because writing tasks mostly wait), and each state partition more
     * is one more task, state store commit and InfluxDB request per micro-batch of the bars.
     */
    private static int cores(SparkSession spark) {
        return spark.sparkContext().isLocal() ? Runtime.getRuntime().availableProcessors()
                : spark.sparkContext().defaultParallelism();
    }

    private static boolean isLocal(SparkSession spark, String dir) {
        String scheme = new Path(dir).toUri().getScheme();
        if (scheme == null) {
            scheme = FileSystem.getDefaultUri(spark.sparkContext().hadoopConfiguration()).getScheme();
        }
        return "file".equals(scheme);
    }
}
