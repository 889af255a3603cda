package io.tickpipe.influx;

/** An InfluxQL query failed: the message carries the query, the server and InfluxDB's own error text. */
public final class InfluxQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InfluxQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
