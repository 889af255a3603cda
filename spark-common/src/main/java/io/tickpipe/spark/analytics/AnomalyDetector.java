package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags unusual final bars of one symbol and interval: kind {@code return} on the log return against
 * the previous final bar's close, kind {@code volume} on the log volume, each scored by its own
 * {@link RobustZScore}. Logs make both roughly symmetric and scale-free (a 1 % move is the same
 * score at any price; volume is multiplicative).
 */
public final class AnomalyDetector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RobustZScore returns;
    private final RobustZScore volumes;
    private double previousClose = Double.NaN;

    /** See {@link RobustZScore#RobustZScore(int, double)}. */
    public AnomalyDetector(int window, double threshold) {
        this.returns = new RobustZScore(window, threshold);
        this.volumes = new RobustZScore(window, threshold);
    }

    /** Scores the next final bar (in start order); returns its anomalies, usually none. */
    public List<Anomaly> onFinalBar(Bar bar) {
        List<Anomaly> found = new ArrayList<>(2);
        if (!Double.isNaN(previousClose)) {
            score(returns, AnomalyKind.RETURN, Math.log(bar.close() / previousClose), bar, found);
        }
        previousClose = bar.close();
        // A zero-volume bar (only zero-size prints) has no log volume; it is skipped, not scored.
        if (bar.volume() > 0) {
            score(volumes, AnomalyKind.VOLUME, Math.log(bar.volume()), bar, found);
        }
        return found;
    }

    private static void score(RobustZScore detector, AnomalyKind kind, double value, Bar bar,
            List<Anomaly> found) {
        double score = detector.observe(value);
        if (detector.isAnomalous(score)) {
            found.add(new Anomaly(bar.symbol(), bar.interval(), kind, bar.startMicros(), score,
                    bar.close(), bar.volume(), value));
        }
    }
}
