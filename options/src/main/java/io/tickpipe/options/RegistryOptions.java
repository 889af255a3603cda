package io.tickpipe.options;

import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the schema registry is (a picocli mixin). Credentials are deliberately no option: a file
 * ({@code --registry-credentials-file}, holding {@code user:password}) or the environment variable
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}.
 */
public final class RegistryOptions {

    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    @Option(names = "--schema-registry", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Confluent-API schema registry URL; Apicurio's is <base>/apis/ccompat/v7 (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--registry-credentials-file", paramLabel = "FILE",
            description = "File holding the registry's user:password (or set " + RegistryConfig.USER_INFO_ENV + ").")
    Path credentialsFile;

    public String url() {
        return url;
    }

    /** The registry settings under Confluent's keys, as the serde, the client and the Spark decoder take them. */
    public Map<String, String> registryConfig() {
        Map<String, String> config = new HashMap<>();
        config.put(RegistryConfig.URL, url);
        if (credentialsFile != null) {
            config.put(RegistryConfig.CREDENTIALS_SOURCE, "USER_INFO");
            config.put(RegistryConfig.USER_INFO_FILE, credentialsFile.toString());
        }
        return Map.copyOf(config);
    }

    /** The JVM's shared client of this registry: what a command registers, its serializer then knows. */
    public SchemaRegistryClient client() {
        return SchemaRegistryClient.shared(RegistryConfig.from(registryConfig()));
    }
}
