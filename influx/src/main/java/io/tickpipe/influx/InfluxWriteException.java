package io.tickpipe.influx;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Points could not be written: the server refused them or the credentials (4xx other than 429, at once) or kept
 * failing (IO errors, 5xx, 429) through every retry. The message names the server, the database or
 * bucket, the HTTP status, the server's error text and the number of attempts, never a credential.
 */
public final class InfluxWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;
    private final int attempts;

    InfluxWriteException(String message, int status, String serverMessage, int attempts, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.serverMessage = serverMessage;
        this.attempts = attempts;
    }

    /** The last HTTP status, empty when the last attempt got no answer (connection refused, timeout). */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /**
     * The server refused the credentials (401) or the user's privileges (403): not an outage, and no
     * retry would help; the message says what to check.
     */
    public boolean credentialsRefused() {
        return RefusedCredentials.is(status);
    }

    /** The server's error text of the last answer, if there was one. */
    public Optional<String> serverMessage() {
        return Optional.ofNullable(serverMessage);
    }

    /** Requests made for the batch that failed, the first one included. */
    public int attempts() {
        return attempts;
    }
}
