package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.spark.model.AnomalyModelException;
import io.tickpipe.spark.testing.LocalSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming job loads its model before anything else: an unusable one stops it before a query starts. */
class UnusableAnomalyModelStreamTest {

    @Test
    void aMissingModelStopsTheJobBeforeAnyQueryOrConnection(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-model");
        StringWriter usage = new StringWriter();
        // Nothing listens on these ports: reaching them would fail differently, and later.
        StreamConfig config = StreamJob.parse(new String[] {"--anomaly-model", missing.toString(),
            "--bootstrap-servers", "127.0.0.1:1", "--influx-url", "http://127.0.0.1:1",
            "--checkpoint-dir", dir.resolve("checkpoints").toString()},
                new PrintWriter(usage), new PrintWriter(usage, true)).config();
        assertThat(config).as(usage.toString()).isNotNull();
        assertThat(config.anomalyModelDir()).isEqualTo(missing.toString());
        assertThatThrownBy(() -> StreamJob.run(LocalSpark.session(), config))
                .isInstanceOf(AnomalyModelException.class)
                .hasMessage("--anomaly-model " + missing + ": no such directory (train a model with spark-batch"
                        + " train-anomaly-model --model-dir " + missing + ")");
        assertThat(LocalSpark.session().streams().active()).isEmpty();
        assertThat(Files.exists(dir.resolve("checkpoints"))).as("nothing started, nothing checkpointed").isFalse();
    }
}
