package io.tickpipe.producer;

import io.tickpipe.producer.source.Pause;
import java.time.Instant;

/**
 * Spaces events evenly at a rate over all symbols; rate 0 means as fast as possible. Event
 * {@code index} is due {@code index / rate} seconds after {@link #start()}, the wall-clock instant of
 * the pacer's creation: a simulation that starts its event times there sends each event at its own
 * event time, however long the set-up between the two took.
 */
final class Pacer {
    private final double nanosPerEvent;
    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.now();

    Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
    }

    /** The wall-clock instant slot 0 is due. */
    Instant start() {
        return start;
    }

    /** Waits until event {@code index} is due (measured from the start, so delays do not accumulate). */
    void awaitSlot(long index) throws InterruptedException {
        if (nanosPerEvent == 0) {
            return;
        }
        Pause.until(startNanos + (long) (index * nanosPerEvent));
    }
}
