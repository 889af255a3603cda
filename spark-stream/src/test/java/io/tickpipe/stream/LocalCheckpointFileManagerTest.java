package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.apache.spark.sql.execution.streaming.FileContextBasedCheckpointFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointFileManagerTest {

    @TempDir
    java.nio.file.Path dir;

    private Path path(String name) {
        return new Path(dir.resolve(name).toUri());
    }

    private static void write(CheckpointFileManager manager, Path file, String text, boolean overwrite) throws IOException {
        try (CheckpointFileManager.CancellableFSDataOutputStream out = manager.createAtomic(file, overwrite)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(CheckpointFileManager manager, Path file) throws IOException {
        try (InputStream in = manager.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void whatOneManagerWritesTheOtherReads() throws IOException {
        Configuration conf = new Configuration();
        CheckpointFileManager local = new LocalCheckpointFileManager(path(""), conf);
        CheckpointFileManager spark = new FileContextBasedCheckpointFileManager(path(""), conf);

        // As Spark's metadata logs do: the FileContext manager does not create parents.
        local.mkdirs(path("offsets"));
        spark.mkdirs(path("commits"));
        write(local, path("offsets/7"), "v1\n{\"batchWatermarkMs\":0}", false);
        write(spark, path("commits/7"), "v1\n{\"nextBatchWatermarkMs\":0}", false);

        assertThat(read(spark, path("offsets/7"))).isEqualTo("v1\n{\"batchWatermarkMs\":0}");
        assertThat(read(local, path("commits/7"))).isEqualTo("v1\n{\"nextBatchWatermarkMs\":0}");
        // Hadoop's default permissions after the umask, set without a chmod process.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("offsets/7"))))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("commits/7"))));
    }

    @Test
    void aFileIsReplacedOnlyWhenOverwriteIsAllowed() throws IOException {
        CheckpointFileManager local = new LocalCheckpointFileManager(path(""), new Configuration());
        write(local, path("state/0/1.delta"), "first", false);

        assertThatThrownBy(() -> write(local, path("state/0/1.delta"), "second", false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(read(local, path("state/0/1.delta"))).isEqualTo("first");

        write(local, path("state/0/1.delta"), "second", true);
        assertThat(read(local, path("state/0/1.delta"))).isEqualTo("second");
    }

    @Test
    void aCancelledWriteLeavesNoFile() throws IOException {
        CheckpointFileManager local = new LocalCheckpointFileManager(path(""), new Configuration());
        local.mkdirs(path("offsets"));
        CheckpointFileManager.CancellableFSDataOutputStream out = local.createAtomic(path("offsets/3"), false);
        out.write("half a batch".getBytes(StandardCharsets.UTF_8));
        out.cancel();

        assertThat(local.exists(path("offsets/3"))).isFalse();
        FileStatus[] left = local.list(path("offsets"));
        assertThat(left).as("temporary files").isEmpty();
    }
}
