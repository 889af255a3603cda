package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.LocalSpark;
import java.nio.file.Path;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDefaultsTest {

    private final RuntimeConfig conf = LocalSpark.session().conf();

    @AfterEach
    void unset() {
        conf.unset(SparkDefaults.CHECKPOINT_FILE_MANAGER);
    }

    @Test
    void aLocalCheckpointIsWrittenWithoutAProcessPerFile(@TempDir Path dir) {
        SparkDefaults.apply(LocalSpark.session(), dir.toString());
        assertThat(conf.get(SparkDefaults.CHECKPOINT_FILE_MANAGER)).isEqualTo(LocalCheckpointFileManager.class.getName());

        conf.unset(SparkDefaults.CHECKPOINT_FILE_MANAGER);
        SparkDefaults.apply(LocalSpark.session(), dir.toUri().toString());
        assertThat(conf.get(SparkDefaults.CHECKPOINT_FILE_MANAGER)).isEqualTo(LocalCheckpointFileManager.class.getName());
    }

    @Test
    void anyOtherFileSystemKeepsSparksManager() {
        SparkDefaults.apply(LocalSpark.session(), "s3a://bucket/checkpoints");
        assertThat(conf.contains(SparkDefaults.CHECKPOINT_FILE_MANAGER)).isFalse();
    }

    @Test
    void theUsersChoiceWins(@TempDir Path dir) {
        conf.set(SparkDefaults.CHECKPOINT_FILE_MANAGER, "org.apache.spark.sql.execution.streaming.FileContextBasedCheckpointFileManager");
        SparkDefaults.apply(LocalSpark.session(), dir.toString());
        assertThat(conf.get(SparkDefaults.CHECKPOINT_FILE_MANAGER))
                .isEqualTo("org.apache.spark.sql.execution.streaming.FileContextBasedCheckpointFileManager");
    }
}
