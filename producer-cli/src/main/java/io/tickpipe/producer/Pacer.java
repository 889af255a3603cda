package io.tickpipe.producer;

import io.tickpipe.producer.source.Pause;

/** Spaces events evenly at a rate over all symbols; rate 0 means as fast as possible. */
final class Pacer {
    private final double nanosPerEvent;
    private final long startNanos = System.nanoTime();

    Pacer(double eventsPerSecond) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
    }

    /** Waits until event {@code index} is due (measured from the start, so delays do not accumulate). */
    void awaitSlot(long index) throws InterruptedException {
        if (nanosPerEvent == 0) {
            return;
        }
        Pause.until(startNanos + (long) (index * nanosPerEvent));
    }
}
