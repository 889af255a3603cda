package io.tickpipe.spark.model;

/**
 * A model directory that cannot be scored with: missing, corrupt or made for something else. A job
 * given one stops at start with this message rather than running without model anomalies.
 */
public final class AnomalyModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnomalyModelException(String message) {
        super(message);
    }

    public AnomalyModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
