package io.tickpipe.files;

/** A line of a replay file that is not a valid event. */
public final class BadLineException extends Exception {
    public BadLineException(String reason) {
        super(reason);
    }
}
