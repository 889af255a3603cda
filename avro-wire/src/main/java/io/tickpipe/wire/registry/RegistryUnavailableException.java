package io.tickpipe.wire.registry;

/**
 * The registry could not be reached, or kept answering 5xx, through every retry. Unlike a
 * {@link SchemaRegistryException} with a 4xx status this says nothing about the record being
 * processed: callers should stop or retry later rather than dead-letter the record.
 */
public class RegistryUnavailableException extends SchemaRegistryException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
