package io.tickpipe.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where Kafka is and any client property (SASL/SSL included), from a file and {@code -X key=value}. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = {"--producer-config", "--client-config"}, paramLabel = "FILE",
            description = "Properties file of Kafka client settings; -X wins over it.")
    Path configFile;

    @Option(names = "-X", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any Kafka client property, e.g. -X linger.ms=50 -X security.protocol=SASL_SSL. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The client properties: bootstrap servers, then the file, then -X. */
    Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        if (configFile != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(configFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
            }
            file.forEach((k, v) -> properties.put(k.toString(), v));
        }
        properties.putAll(overrides);
        return properties;
    }
}
