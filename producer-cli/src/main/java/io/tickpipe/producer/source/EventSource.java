package io.tickpipe.producer.source;

import org.apache.avro.specific.SpecificRecord;

/** Where market events come from: a simulation, a file replay or a live feed. */
public interface EventSource extends AutoCloseable {
    /** The next Trade or Quote, or null when the source has no more. Live sources block. */
    SpecificRecord next() throws InterruptedException;

    @Override
    default void close() {
    }
}
