package io.tickpipe.producer.source;

/** A line of a replay file that is not a valid event. */
final class BadLineException extends Exception {
    BadLineException(String reason) {
        super(reason);
    }
}
