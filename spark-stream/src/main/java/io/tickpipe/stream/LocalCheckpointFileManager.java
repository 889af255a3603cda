package io.tickpipe.stream;

import com.globalmentor.apache.hadoop.fs.BareLocalFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;

/**
 * Checkpoint files (offsets, commits, state store deltas and snapshots) on a local file system,
 * written without starting a process per file.
 *
 * <p>Without Hadoop's native library (no Maven artifact has it) Hadoop's local file system runs
 * {@code chmod} as a child process for every file it creates (the data file and its .crc), and its
 * FileContext API, Spark's default for checkpoints, runs {@code readlink} on every rename. The
 * stateful query writes an offsets file, a commit file and a delta file per state partition each
 * micro-batch: a dozen process starts per second-long batch, most of them on the batch's critical
 * path. Here the same files go through Spark's FileSystem-based manager over
 * {@link BareLocalFileSystem}, which sets permissions and reads file status through java.nio. A
 * local rename is atomic, which is all that manager needs; the files and their format are Spark's,
 * so a checkpoint written with either manager is read by the other.
 *
 * <p>Spark creates it by reflection from {@code spark.sql.streaming.checkpointFileManagerClass}
 * ({@link SparkDefaults}); the file system instance is its own (not Hadoop's cached {@code file:}
 * one, which other code may already have created with the default implementation).
 */
public final class LocalCheckpointFileManager extends FileSystemBasedCheckpointFileManager {

    public LocalCheckpointFileManager(Path path, Configuration hadoopConf) {
        super(path, withBareLocalFileSystem(hadoopConf));
    }

    private static Configuration withBareLocalFileSystem(Configuration hadoopConf) {
        Configuration conf = new Configuration(hadoopConf);
        conf.set("fs.file.impl", BareLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
