package io.tickpipe.files;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The event times a market event can carry: the schemas' {@code event_time} is Avro's
 * {@code timestamp-micros}, a long of microseconds since the epoch. A time outside it parses as an
 * {@link Instant} but fails only when the event is encoded, far from the input that held it, so the
 * parsers of input refuse it where they can name the line or the message.
 */
public final class EventTimeRange {
    /** The earliest time a {@code timestamp-micros} holds. */
    public static final Instant EARLIEST = Instant.EPOCH.plus(Long.MIN_VALUE, ChronoUnit.MICROS);
    /** The latest time a {@code timestamp-micros} holds. */
    public static final Instant LATEST = Instant.EPOCH.plus(Long.MAX_VALUE, ChronoUnit.MICROS);

    private EventTimeRange() {
    }

    public static boolean holds(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /** The range, for messages. */
    public static String describe() {
        return EARLIEST + " to " + LATEST;
    }
}
