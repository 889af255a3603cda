package io.tickpipe.influx;

/** An InfluxQL query failed: the message carries the query, the server and InfluxDB's own error text. */
public final class InfluxQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int status;

    InfluxQueryException(String query, String server, String reason, Throwable cause) {
        this(query, server, reason, 0, cause);
    }

    /** {@code status}: the HTTP status of the answer, 0 when there was none or it was 200. */
    InfluxQueryException(String query, String server, String reason, int status, Throwable cause) {
        super("InfluxQL '" + query + "' on " + server + " failed: " + reason, cause);
        this.reason = reason;
        this.status = status;
    }

    /**
     * The server refused the credentials (401) or the user's privileges (403): asking again will not
     * help; {@link #reason()} says what to check.
     */
    public boolean credentialsRefused() {
        return RefusedCredentials.is(status);
    }

    /** Why, without the query: InfluxDB's error text, or the connection failure. */
    public String reason() {
        return reason;
    }
}
