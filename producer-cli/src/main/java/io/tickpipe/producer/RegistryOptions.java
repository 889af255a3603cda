package io.tickpipe.producer;

import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the schema registry is. Credentials never on the command line: a file
 * ({@code --registry-credentials-file}, holding {@code user:password}) or the environment variable
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}.
 */
final class RegistryOptions {
    static final String LOCAL_STACK_REGISTRY = "http://localhost:8081/apis/ccompat/v7";

    @Option(names = "--schema-registry", paramLabel = "URL", defaultValue = LOCAL_STACK_REGISTRY,
            description = "Confluent-API schema registry URL (default: the local stack's, ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE",
            description = "File holding user:password for the registry (or set SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO).")
    Path credentialsFile;

    /** Serde/registry settings under Confluent's keys. */
    Map<String, Object> serdeProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(RegistryConfig.URL, url);
        if (credentialsFile != null) {
            properties.put(RegistryConfig.USER_INFO_FILE, credentialsFile.toString());
        }
        return properties;
    }

    /** The JVM's shared client for this registry: what the CLI registers, its serializer then knows. */
    SchemaRegistryClient client() {
        return SchemaRegistryClient.shared(RegistryConfig.from(serdeProperties()));
    }
}
