package io.tickpipe.spark.job;

import picocli.CommandLine.Option;

/** {@code --anomaly-model DIR} of the jobs that score bars with a trained model (a picocli mixin). */
public final class AnomalyModelOption {

    @Option(names = "--anomaly-model", paramLabel = "DIR",
            description = "Also score the final bars of the model's interval with the model spark-batch train-anomaly-model"
                    + " wrote to DIR: anomalies of kind model, with their score. A missing, corrupt or incompatible model"
                    + " stops the job at start.")
    String dir;

    /** The model directory, or null: no model anomalies. */
    public String dir() {
        return dir;
    }
}
