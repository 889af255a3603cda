package io.tickpipe.producer.source;

import java.util.concurrent.locks.LockSupport;

/** Waiting for a moment on the {@link System#nanoTime()} clock, as pacing needs. */
public final class Pause {
    private Pause() {
    }

    /** Returns at {@code dueNanos} (at once if it has passed); interruptible. */
    public static void until(long dueNanos) throws InterruptedException {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
