package io.tickpipe.batch.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

import io.tickpipe.batch.analysis.AnalysisInput;
import io.tickpipe.batch.analysis.AnalysisSources;
import io.tickpipe.spark.analytics.AnomalyModel;
import io.tickpipe.spark.analytics.BarFeatures;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.analytics.Standardization;
import io.tickpipe.spark.model.AnomalyModelStore;
import io.tickpipe.spark.model.ModelManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One {@code train-anomaly-model} run: the input's bars of one interval (through the same
 * transformations as the jobs that score), their {@link ModelFeatures} standardized per symbol,
 * MLlib's KMeans fitted to them, and the threshold at the chosen quantile of the training bars' own
 * scores, computed by {@link AnomalyModel#score} as the jobs compute it.
 */
public final class AnomalyModelTraining {
    /** Exit code of a run with nothing to train on. */
    public static final int FAILED = 1;

    private AnomalyModelTraining() {
    }

    /** Trains and saves the model; returns the exit code. */
    public static int run(SparkSession spark, TrainConfig config, PrintStream out) {
        AnalysisInput input;
        try {
            input = AnalysisSources.open(spark, config.history());
        } catch (AnalysisInput.NothingToAnalyse e) {
            out.println("nothing to train on: " + e.getMessage() + "; no model written");
            return FAILED;
        }
        try {
            if (input.trades() == null) {
                out.println("nothing to train on: bar files have no trade counts, a feature of the model; train on"
                        + " trades (--source kafka, archive or csv); no model written");
                return FAILED;
            }
            Dataset<Row> bars = MarketAnalytics.bars(MarketAnalytics.analyze(input.trades(), input.analytics()))
                    .where(col("interval").equalTo(config.interval()));
            Dataset<Row> features = ModelFeatures.of(bars).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long count = features.count();
                if (count < Math.max(config.clusters(), 2)) {
                    out.println("nothing to train on: " + count + " " + config.interval() + " bars with features in "
                            + String.join(", ", input.inputs()) + "; no model written");
                    return FAILED;
                }
                ModelManifest manifest = train(spark, features, count, input.inputs(), config);
                out.println("anomaly model: " + config.clusters() + " centres over " + count + " " + config.interval()
                        + " bars of " + manifest.standardization().size() + " symbol(s), " + manifest.trainingFrom()
                        + " to " + manifest.trainingTo() + "; threshold " + manifest.threshold() + " (quantile "
                        + config.thresholdQuantile() + "); written to " + config.modelDir());
                return 0;
            } finally {
                features.unpersist();
            }
        } finally {
            input.release().run();
        }
    }

    private static ModelManifest train(SparkSession spark, Dataset<Row> features, long count, List<String> inputs,
                                       TrainConfig config) {
        List<String> names = BarFeatures.NAMES;
        Dataset<Row> statistics = statistics(features);
        List<Row> perSymbolRows = statistics.collectAsList();
        Map<String, Standardization> standardization = standardization(perSymbolRows);
        Dataset<Row> standardized = standardize(features, spark.createDataFrame(perSymbolRows, statistics.schema()));
        VectorAssembler assembler = new VectorAssembler().setInputCols(zNames()).setOutputCol("features");
        Dataset<Row> vectors = assembler.transform(standardized).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            KMeansModel kmeans = new KMeans().setK(config.clusters()).setSeed(config.seed()).setMaxIter(50)
                    .setFeaturesCol("features").fit(vectors);
            Vector[] centres = kmeans.clusterCenters();
            long[] sizes = kmeans.summary().clusterSizes();
            List<Double> shares = new ArrayList<>();
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < centres.length; i++) {
                double share = (double) sizes[i] / count;
                shares.add(share);
                if (share >= config.minClusterShare()) {
                    kept.add(centres[i].toArray());
                }
            }
            if (kept.isEmpty()) {
                throw new IllegalStateException("no KMeans centre holds --min-cluster-share " + config.minClusterShare()
                        + " of the training bars: lower it or use fewer --clusters");
            }
            double[][] keptCentres = kept.toArray(double[][]::new);
            Dataset<Double> scores = vectors.select(zColumns()).map((MapFunction<Row, Double>) row -> {
                double[] z = new double[row.size()];
                for (int i = 0; i < z.length; i++) {
                    z[i] = row.getDouble(i);
                }
                return AnomalyModel.distance(keptCentres, z);
            }, Encoders.DOUBLE());
            double threshold = scores.toDF("score").stat()
                    .approxQuantile("score", new double[] {config.thresholdQuantile()}, 0)[0];
            Row range = features.agg(min("time"), max("time")).first();
            Map<String, ModelManifest.SymbolStandardization> perSymbol = new HashMap<>();
            standardization.forEach((symbol, s) -> perSymbol.put(symbol, new ModelManifest.SymbolStandardization(
                    boxed(s.mean()), boxed(s.deviation()))));
            ModelManifest manifest = new ModelManifest(ModelManifest.VERSION, ModelManifest.KMEANS, config.interval(),
                    names, range.getTimestamp(0).toInstant().toString(), range.getTimestamp(1).toInstant().toString(),
                    inputs, count, shares, config.minClusterShare(), config.thresholdQuantile(), threshold,
                    config.warmupBars(), perSymbol);
            AnomalyModelStore.save(spark, kmeans, manifest, config.modelDir());
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + config.modelDir(), e);
        } finally {
            vectors.unpersist();
        }
    }

    /** Per symbol, each feature's mean ({@code mean_<feature>}) and population deviation ({@code deviation_<feature>}). */
    private static Dataset<Row> statistics(Dataset<Row> features) {
        List<Column> aggregates = new ArrayList<>();
        for (String name : BarFeatures.NAMES) {
            aggregates.add(avg(name).as("mean_" + name));
            aggregates.add(stddev_pop(name).as("deviation_" + name));
        }
        return features.groupBy("symbol").agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    private static Map<String, Standardization> standardization(List<Row> statistics) {
        Map<String, Standardization> result = new HashMap<>();
        int n = BarFeatures.NAMES.size();
        for (Row row : statistics) {
            double[] mean = new double[n];
            double[] deviation = new double[n];
            for (int i = 0; i < n; i++) {
                mean[i] = row.getDouble(1 + 2 * i);
                deviation[i] = row.getDouble(2 + 2 * i);
            }
            result.put(row.getString(0), new Standardization(mean, deviation));
        }
        return result;
    }

    /** {@code features} with z columns: each feature in its symbol's deviations from its mean, as {@link Standardization#apply}. */
    private static Dataset<Row> standardize(Dataset<Row> features, Dataset<Row> statistics) {
        Dataset<Row> result = features.join(broadcast(statistics), "symbol");
        for (String name : BarFeatures.NAMES) {
            Column deviation = col("deviation_" + name);
            result = result.withColumn("z_" + name, col(name).minus(col("mean_" + name))
                    .divide(when(deviation.gt(0), deviation).otherwise(lit(1.0))));
        }
        return result;
    }

    private static String[] zNames() {
        return BarFeatures.NAMES.stream().map(n -> "z_" + n).toArray(String[]::new);
    }

    private static Column[] zColumns() {
        return BarFeatures.NAMES.stream().map(n -> col("z_" + n)).toArray(Column[]::new);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

}
