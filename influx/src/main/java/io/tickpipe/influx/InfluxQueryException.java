package io.tickpipe.influx;

/** An InfluxQL query failed: the message carries the query, the server and InfluxDB's own error text. */
public final class InfluxQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    InfluxQueryException(String query, String server, String reason, Throwable cause) {
        super("InfluxQL '" + query + "' on " + server + " failed: " + reason, cause);
        this.reason = reason;
    }

    /** Why, without the query: InfluxDB's error text, or the connection failure. */
    public String reason() {
        return reason;
    }
}
