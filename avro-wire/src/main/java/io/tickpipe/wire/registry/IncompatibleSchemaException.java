package io.tickpipe.wire.registry;

/** The registry refused a schema (HTTP 409) because it breaks the subject's compatibility level. */
public class IncompatibleSchemaException extends SchemaRegistryException {
    private final String subject;

    public IncompatibleSchemaException(String subject, String registryMessage, int errorCode) {
        super("schema refused as incompatible for subject '" + subject + "': " + registryMessage, 409, errorCode);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
