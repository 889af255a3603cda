package io.tickpipe.batch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.AnomalyModel;
import io.tickpipe.spark.analytics.BarFeatures;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.model.AnomalyModelException;
import io.tickpipe.spark.model.AnomalyModelStore;
import io.tickpipe.spark.model.AnomalyModels;
import io.tickpipe.spark.model.ModelManifest;
import io.tickpipe.spark.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory a job cannot score with stops it at start with a message naming the directory and
 * what is wrong; a good one loads into exactly the centres and standardization it was saved with.
 */
class UnusableAnomalyModelTest {
    @TempDir
    static Path dir;
    static Path good;
    static KMeansModel kmeans;

    @BeforeAll
    static void saveAModel() throws Exception {
        SparkSession spark = LocalSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double side = i < 30 ? 0 : 5;
            rows.add(RowFactory.create(Vectors.dense(side + (i % 3) * 0.1, side, side - (i % 2) * 0.1, side)));
        }
        kmeans = new KMeans().setK(2).setSeed(1).fit(spark.createDataFrame(rows,
                new StructType().add("features", SQLDataTypes.VectorType())));
        good = dir.resolve("good");
        AnomalyModelStore.save(spark, kmeans, manifest(ModelManifest.VERSION, "1s", BarFeatures.NAMES), good.toString());
    }

    private static ModelManifest manifest(int version, String interval, List<String> features) {
        return new ModelManifest(version, ModelManifest.KMEANS, interval, features, "2026-03-02T14:30:00Z",
                "2026-03-02T15:00:00Z", List.of("kafka market.trades"), 40, List.of(0.75, 0.25), 0.5, 0.99, 3.5, 30,
                Map.of("AAPL", new ModelManifest.SymbolStandardization(List.of(0.0, 6.0, 0.01, 12.0), List.of(0.001, 1.0, 0.005, 4.0))));
    }

    /** A copy of the good model with its manifest replaced by {@code manifest} (null: removed). */
    private static Path variant(String name, String manifest) throws Exception {
        Path copy = dir.resolve(name);
        FileUtils.copyDirectory(good.toFile(), copy.toFile());
        if (manifest == null) {
            Files.delete(copy.resolve("manifest.json"));
        } else {
            Files.writeString(copy.resolve("manifest.json"), manifest);
        }
        return copy;
    }

    private static String goodManifest() throws Exception {
        return Files.readString(good.resolve("manifest.json"));
    }

    private static AnalyticsConfig secondsAndMinutes() {
        return AnalyticsConfig.builder().intervals("1s", "1m").build();
    }

    @Test
    void aGoodModelLoadsTheCentresHoldingTheirShareAndEachSymbolsStandardization() {
        AnalyticsConfig config = AnomalyModels.attach(LocalSpark.session(), good.toString(), secondsAndMinutes());
        AnomalyModel model = config.anomalyModel();
        assertThat(model.interval()).isEqualTo("1s");
        assertThat(model.threshold()).isEqualTo(3.5);
        assertThat(model.warmupBars()).isEqualTo(30);
        // Share 0.75 is kept, 0.25 is below --min-cluster-share 0.5.
        assertThat(model.centres()).hasNumberOfRows(1);
        assertThat(model.centres()[0]).containsExactly(kmeans.clusterCenters()[0].toArray());
        assertThat(model.standardization().get("AAPL").mean()).containsExactly(0.0, 6.0, 0.01, 12.0);
        assertThat(model.standardization().get("AAPL").deviation()).containsExactly(0.001, 1.0, 0.005, 4.0);
    }

    @Test
    void aMissingDirectory() {
        Path missing = dir.resolve("nowhere");
        assertUnusable(missing, "--anomaly-model " + missing + ": no such directory (train a model with spark-batch"
                + " train-anomaly-model --model-dir " + missing + ")");
    }

    @Test
    void aDirectoryWithoutManifest() throws Exception {
        Path noManifest = variant("no-manifest", null);
        assertUnusable(noManifest, "--anomaly-model " + noManifest + ": no manifest.json in it; not a model directory of"
                + " spark-batch train-anomaly-model");
    }

    @Test
    void aCorruptManifest() throws Exception {
        Path corrupt = variant("corrupt", goodManifest().substring(0, 100));
        assertUnusable(corrupt, "--anomaly-model " + corrupt + ": " + corrupt.resolve("manifest.json").toUri().getPath()
                .replaceAll("/$", "") + " is not a readable manifest");
    }

    @Test
    void anotherFormatVersion() throws Exception {
        Path newer = variant("newer", goodManifest().replace("\"version\" : 1,", "\"version\" : 2,"));
        assertUnusable(newer, "--anomaly-model " + newer + ": the model has format version 2, this tickpipe reads version 1:"
                + " train it again with this version");
    }

    @Test
    void otherFeatures() throws Exception {
        Path other = variant("other-features", goodManifest().replace("\"trade_count\"", "\"spread\""));
        assertUnusable(other, "--anomaly-model " + other + ": the model was trained on features [log_return, log_volume,"
                + " range_over_close, spread], this tickpipe computes [log_return, log_volume, range_over_close, trade_count]:"
                + " train it again with this version");
    }

    @Test
    void aMissingMllibModel() throws Exception {
        Path noKmeans = variant("no-kmeans", goodManifest());
        FileUtils.deleteDirectory(noKmeans.resolve("kmeans").toFile());
        assertUnusable(noKmeans, "--anomaly-model " + noKmeans + ": cannot load the MLlib model in " + noKmeans + "/kmeans");
    }

    @Test
    void anIntervalTheJobDoesNotMake() throws Exception {
        Path hourly = variant("hourly", goodManifest().replace("\"interval\" : \"1s\"", "\"interval\" : \"1h\""));
        assertUnusable(hourly, "--anomaly-model " + hourly + ": the anomaly model scores 1h bars, but the intervals 1s,1m"
                + " do not make them: add 1h to --intervals or use a model trained at one of them");
    }

    @Test
    void analyzeGivenAnUnusableModelExitsOneWithTheMessageBeforeReadingAnything() throws Exception {
        Path missing = dir.resolve("gone");
        StringWriter usage = new StringWriter();
        // No Kafka listens on this port: the run must stop at the model, before it tries to read.
        JobCommandLine.Launch<Object> launch = BatchJob.parse(new String[] {"analyze", "--source", "kafka",
            "--bootstrap-servers", "127.0.0.1:1", "--anomaly-model", missing.toString()},
                new PrintWriter(usage), new PrintWriter(usage, true));
        assertThat(launch.config()).as(usage.toString()).isNotNull();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BatchJob.run(LocalSpark.session(), launch.config());
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --anomaly-model " + missing + ": no such directory");
    }

    private static void assertUnusable(Path modelDir, String message) {
        assertThatThrownBy(() -> AnomalyModels.attach(LocalSpark.session(), modelDir.toString(), secondsAndMinutes()))
                .isInstanceOf(AnomalyModelException.class)
                .hasMessageStartingWith(message);
    }
}
