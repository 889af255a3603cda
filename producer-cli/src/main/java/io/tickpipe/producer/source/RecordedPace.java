package io.tickpipe.producer.source;

import java.time.Duration;
import java.time.Instant;

/**
 * When a replayed event is due, relative to the first: its event-time distance from the first event,
 * divided by the speed. Speed 0 replays as fast as possible; an event earlier than the first
 * (out-of-order files) is due at once.
 */
final class RecordedPace {
    private final double speed;
    private Instant first;

    RecordedPace(double speed) {
        this.speed = speed;
    }

    /** Nanoseconds after the first event's release at which this event is due. */
    long dueOffsetNanos(Instant eventTime) {
        if (first == null) {
            first = eventTime;
        }
        if (speed <= 0) {
            return 0;
        }
        return Math.max(0, (long) (Duration.between(first, eventTime).toNanos() / speed));
    }
}
