package io.tickpipe.producer.source;

import org.apache.avro.specific.SpecificRecord;

/** Where market events come from: a simulation, a file replay or a live feed. */
public interface EventSource extends AutoCloseable {
    /** The next Trade or Quote, or null when the source has no more. Live sources block. */
    SpecificRecord next() throws InterruptedException;

    /** What the source has to add to the run's summary (bad lines, reconnects), or empty. */
    default String summary() {
        return "";
    }

    @Override
    default void close() {
    }
}
