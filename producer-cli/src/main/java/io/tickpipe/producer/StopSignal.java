package io.tickpipe.producer;

import io.tickpipe.producer.source.EventSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ends a run from another thread (a signal, the --duration timer). A live source may be blocked
 * waiting for its next event: only then is the producing thread interrupted, never while it is
 * inside the Kafka producer.
 */
final class StopSignal {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Thread waiting;

    void stop() {
        stopped.set(true);
        Thread thread = waiting;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean stopped() {
        return stopped.get();
    }

    /** The source's next event, or null when it has ended or the run was stopped while waiting. */
    SpecificRecord next(EventSource source) throws InterruptedException {
        waiting = Thread.currentThread();
        try {
            if (stopped.get()) {
                return null;
            }
            return source.next();
        } catch (InterruptedException e) {
            if (stopped.get()) {
                return null;
            }
            throw e;
        } finally {
            waiting = null;
            if (stopped.get()) {
                Thread.interrupted(); // a late interrupt must not reach the producer's flush
            }
        }
    }
}
