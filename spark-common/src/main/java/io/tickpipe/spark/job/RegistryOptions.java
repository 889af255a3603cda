package io.tickpipe.spark.job;

import io.tickpipe.wire.registry.RegistryConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The schema registry options of both jobs (a picocli mixin). Credentials only from a file or
 * SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: there is deliberately no option taking them.
 */
public final class RegistryOptions {

    @Option(names = "--schema-registry", defaultValue = "http://127.0.0.1:8081/apis/ccompat/v7", paramLabel = "URL",
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE",
            description = "File holding the registry's USER:PASSWORD.")
    Path registryCredentialsFile;

    /** Confluent's registry keys, as {@link io.tickpipe.spark.decode.ConfluentAvroDecode} takes them. */
    public Map<String, String> registryConfig() {
        Map<String, String> registry = new HashMap<>();
        registry.put(RegistryConfig.URL, schemaRegistry);
        if (registryCredentialsFile != null) {
            registry.put(RegistryConfig.CREDENTIALS_SOURCE, "USER_INFO");
            registry.put(RegistryConfig.USER_INFO_FILE, registryCredentialsFile.toString());
        }
        return Map.copyOf(registry);
    }
}
