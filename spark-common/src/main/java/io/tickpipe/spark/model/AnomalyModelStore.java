package io.tickpipe.spark.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickpipe.spark.analytics.AnomalyModel;
import io.tickpipe.spark.analytics.BarFeatures;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.analytics.Standardization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.SparkSession;

/**
 * A model directory: the KMeans model in MLlib's own persistence under {@code kmeans/}, and
 * {@code manifest.json} ({@link ModelManifest}) beside it. Any Hadoop path works (file:, hdfs://,
 * s3a://). Loading checks everything a job needs before it starts, so that a bad directory stops the
 * job with one clear {@link AnomalyModelException} instead of a run without model anomalies.
 */
public final class AnomalyModelStore {
    /** The manifest's file name in a model directory. */
    public static final String MANIFEST = "manifest.json";
    /** The MLlib model's folder in a model directory. */
    public static final String KMEANS_DIR = "kmeans";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private AnomalyModelStore() {
    }

    /** Writes {@code model} and {@code manifest} to {@code dir}, replacing a model there. */
    public static void save(SparkSession spark, KMeansModel model, ModelManifest manifest, String dir) throws IOException {
        model.write().overwrite().save(dir + "/" + KMEANS_DIR);
        Path path = new Path(dir, MANIFEST);
        try (FileSystem fs = plainFileSystem(spark, path); OutputStream out = fs.create(path, true)) {
            JSON.writeValue(out, manifest);
        }
    }

    /**
     * A file system of its own for {@code path}, without the checksum files of Hadoop's local file
     * system: manifest.json is meant to be read, and may be edited, by people, whom a stale
     * {@code .manifest.json.crc} would lock out. Not the cached instance, whose settings Spark shares.
     */
    private static FileSystem plainFileSystem(SparkSession spark, Path path) throws IOException {
        FileSystem fs = FileSystem.newInstance(path.toUri(), spark.sparkContext().hadoopConfiguration());
        fs.setWriteChecksum(false);
        fs.setVerifyChecksum(false);
        return fs;
    }

    /** The manifest of the model in {@code dir}. */
    public static ModelManifest manifest(SparkSession spark, String dir) {
        Path path = new Path(dir, MANIFEST);
        try (FileSystem fs = plainFileSystem(spark, path)) {
            if (!fs.exists(new Path(dir))) {
                throw new AnomalyModelException("--anomaly-model " + dir + ": no such directory (train a model with"
                        + " spark-batch train-anomaly-model --model-dir " + dir + ")");
            }
            if (!fs.exists(path)) {
                throw new AnomalyModelException("--anomaly-model " + dir + ": no " + MANIFEST + " in it; not a model"
                        + " directory of spark-batch train-anomaly-model");
            }
            try (InputStream in = fs.open(path)) {
                return JSON.readValue(in, ModelManifest.class);
            }
        } catch (IOException e) {
            throw new AnomalyModelException("--anomaly-model " + dir + ": " + path + " is not a readable manifest: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The model in {@code dir}, checked: its version, features, interval and the MLlib model's centres. */
    public static AnomalyModel load(SparkSession spark, String dir) {
        ModelManifest m = manifest(spark, dir);
        String where = "--anomaly-model " + dir + ": ";
        if (m.version() != ModelManifest.VERSION) {
            throw new AnomalyModelException(where + "the model has format version " + m.version() + ", this tickpipe"
                    + " reads version " + ModelManifest.VERSION + ": train it again with this version");
        }
        if (!ModelManifest.KMEANS.equals(m.model())) {
            throw new AnomalyModelException(where + "the model is '" + m.model() + "', this tickpipe scores "
                    + ModelManifest.KMEANS + " models");
        }
        if (!BarFeatures.NAMES.equals(m.features())) {
            throw new AnomalyModelException(where + "the model was trained on features " + m.features()
                    + ", this tickpipe computes " + BarFeatures.NAMES + ": train it again with this version");
        }
        try {
            BarInterval.parse(m.interval());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AnomalyModelException(where + "the manifest's interval '" + m.interval() + "' is not a bar interval");
        }
        KMeansModel kmeans;
        try {
            kmeans = KMeansModel.load(dir + "/" + KMEANS_DIR);
        } catch (Exception e) {
            // MLlib also throws Hadoop's checked IOExceptions (a missing metadata folder) undeclared.
            throw new AnomalyModelException(where + "cannot load the MLlib model in " + dir + "/" + KMEANS_DIR + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        Vector[] centres = kmeans.clusterCenters();
        if (m.clusterShares() == null || centres.length != m.clusterShares().size()) {
            throw new AnomalyModelException(where + "the MLlib model has " + centres.length + " centres, the manifest"
                    + " lists shares of " + (m.clusterShares() == null ? 0 : m.clusterShares().size()));
        }
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < centres.length; i++) {
            if (centres[i].size() != BarFeatures.NAMES.size()) {
                throw new AnomalyModelException(where + "the MLlib model's centres have " + centres[i].size()
                        + " coordinates, the features are " + BarFeatures.NAMES.size());
            }
            if (m.clusterShares().get(i) >= m.minClusterShare()) {
                kept.add(centres[i].toArray());
            }
        }
        Map<String, Standardization> standardization = new HashMap<>();
        m.standardization().forEach((symbol, s) -> {
            if (s.mean().size() != BarFeatures.NAMES.size() || s.deviation().size() != BarFeatures.NAMES.size()) {
                throw new AnomalyModelException(where + "the standardization of " + symbol + " does not have one mean"
                        + " and one deviation per feature");
            }
            standardization.put(symbol, new Standardization(
                    s.mean().stream().mapToDouble(Double::doubleValue).toArray(),
                    s.deviation().stream().mapToDouble(Double::doubleValue).toArray()));
        });
        try {
            return new AnomalyModel(m.interval(), kept.toArray(double[][]::new), m.threshold(), standardization, m.warmupBars());
        } catch (IllegalArgumentException e) {
            throw new AnomalyModelException(where + e.getMessage(), e);
        }
    }
}
