package io.tickpipe.batch.report;

import java.util.Objects;

/**
 * An anomaly marked on a chart, at the close of the bar it was found on.
 *
 * @param time start of that bar, epoch milliseconds
 * @param kind what was scored: {@code "return"} or {@code "volume"}
 * @param score the robust z-score
 * @param close the bar's close
 */
public record AnomalyMark(long time, String kind, double score, double close) {
    public AnomalyMark {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(score) || !Double.isFinite(close)) {
            throw new IllegalArgumentException(kind + " anomaly at " + time + " has score " + score + " and close "
                    + close + ": both must be finite");
        }
    }
}
