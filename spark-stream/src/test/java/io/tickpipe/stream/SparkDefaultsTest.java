package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.LocalSpark;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
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

    @Test
    void theBarsQueryHasTheFirstClaimOnFreeTaskSlots() throws Exception {
        NodeList pools = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(SparkDefaults.pools().toFile()).getElementsByTagName("pool");
        assertThat(pools.getLength()).isEqualTo(2);
        // Spark gives a query whose pool name is not in the file a default pool, silently: the names must match.
        Element analytics = (Element) pools.item(0);
        Element ingest = (Element) pools.item(1);
        assertThat(analytics.getAttribute("name")).isEqualTo(StreamTopology.ANALYTICS);
        assertThat(ingest.getAttribute("name")).isEqualTo(StreamTopology.INGEST);
        // A pool below its minShare is served first; the analytics pool always is, ingest never.
        assertThat(Long.parseLong(text(analytics, "minShare"))).isGreaterThan(Runtime.getRuntime().availableProcessors() * 64L);
        assertThat(text(ingest, "minShare")).isEqualTo("0");
        assertThat(Integer.parseInt(text(analytics, "weight"))).isGreaterThan(Integer.parseInt(text(ingest, "weight")));
    }

    private static String text(Element pool, String tag) {
        return pool.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
