package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one symbol's final bars of the model's interval, in start order, with an {@link AnomalyModel}.
 * A symbol the model was trained on uses its training standardization from the first bar; any other
 * symbol first collects the features of {@link AnomalyModel#warmupBars()} bars, standardizes itself by
 * them and scores from the next bar on (its warm-up bars are not scored).
 *
 * <p>Part of the streaming job's per-symbol state; {@link SymbolState#useModel} replaces it when the
 * job restarts from a checkpoint with another model.
 */
public final class ModelScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[][] centres;
    private final double threshold;
    private final int warmupBars;
    private Standardization standardization;
    private List<double[]> warmup = new ArrayList<>();
    private double previousClose = Double.NaN;

    ModelScorer(AnomalyModel model, Standardization trained) {
        this.centres = model.centres();
        this.threshold = model.threshold();
        this.warmupBars = model.warmupBars();
        this.standardization = trained;
    }

    /** The anomaly of kind {@code model} the next final bar is (its value the bar's log return), or null. */
    public Anomaly onFinalBar(Bar bar) {
        double[] features = BarFeatures.of(bar, previousClose);
        previousClose = bar.close();
        double score = score(features);
        if (!(score >= threshold)) {
            return null;
        }
        return new Anomaly(bar.symbol(), bar.interval(), AnomalyKind.MODEL, bar.startMicros(), score, bar.close(),
                bar.volume(), features[0]);
    }

    /** The score of a bar's features, NaN when it has none or the symbol is warming up with them. */
    private double score(double[] features) {
        if (features == null) {
            return Double.NaN;
        }
        if (standardization == null) {
            warmup.add(features);
            if (warmup.size() >= warmupBars) {
                standardization = Standardization.of(warmup);
                warmup = null;
            }
            return Double.NaN;
        }
        return AnomalyModel.distance(centres, standardization.apply(features));
    }

    /** Whether this scorer uses {@code model}'s centres and threshold. */
    boolean scoresWith(AnomalyModel model) {
        return threshold == model.threshold() && warmupBars == model.warmupBars()
                && java.util.Arrays.deepEquals(centres, model.centres());
    }

    /** The standardization in use, null while warming up. */
    Standardization standardization() {
        return standardization;
    }
}
