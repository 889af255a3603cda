package io.tickpipe.spark.model;

import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.AnomalyModel;
import org.apache.spark.sql.SparkSession;

/** Gives a job's analytics the model of {@code --anomaly-model}, checked against the job's own settings. */
public final class AnomalyModels {
    private AnomalyModels() {
    }

    /**
     * {@code analytics} scoring with the model in {@code dir}; {@code analytics} itself when {@code dir}
     * is null. {@link AnomalyModelException} when the model cannot be loaded or the job does not make
     * its interval's bars.
     */
    public static AnalyticsConfig attach(SparkSession spark, String dir, AnalyticsConfig analytics) {
        if (dir == null) {
            return analytics;
        }
        AnomalyModel model = AnomalyModelStore.load(spark, dir);
        try {
            return analytics.toBuilder().anomalyModel(model).build();
        } catch (IllegalArgumentException e) {
            throw new AnomalyModelException("--anomaly-model " + dir + ": " + e.getMessage(), e);
        }
    }
}
