package io.tickpipe.spark.analytics;

/** What an anomaly score was computed on. */
public enum AnomalyKind {
    /** Log return of the bar's close against the previous final bar's close. */
    RETURN("return"),
    /** Log of the bar's volume. */
    VOLUME("volume"),
    /** The learned model's score of the bar's features ({@link AnomalyModel}); value = the log return. */
    MODEL("model");

    private final String label;

    AnomalyKind(String label) {
        this.label = label;
    }

    /** The {@code kind} column value. */
    public String label() {
        return label;
    }
}
