package io.tickpipe.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Where Kafka is and any Kafka client setting (a picocli mixin of every command that talks to Kafka):
 * a Kafka client properties file ({@code --client-config}, as Kafka's own tools take one: SASL and SSL
 * settings with their secrets belong there, not on a command line) and {@code -X key=value}, which wins.
 * The SASL login ({@code sasl.jaas.config}, which holds the password) may instead come from the
 * environment variable {@value #SASL_JAAS_CONFIG_ENV}, as container platforms hand out secrets; a
 * setting in the file or {@code -X} wins over it.
 */
public final class KafkaOptions {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    public static final String SASL_JAAS_CONFIG_ENV = "KAFKA_SASL_JAAS_CONFIG";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", defaultValue = DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties file (SASL, SSL, ...: secrets belong in a file); -X wins over it.")
    Path clientConfig;

    @Option(names = {"-X", "--kafka-option"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any Kafka client setting, e.g. -X security.protocol=SASL_SSL -X linger.ms=50. Repeatable.")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(names = "--producer-config", paramLabel = "FILE", hidden = true,
            description = CommandLines.DEPRECATED + "--client-config")
    Path deprecatedProducerConfig;

    @Option(names = "-K", paramLabel = "KEY=VALUE", hidden = true, description = CommandLines.DEPRECATED + "-X")
    Map<String, String> deprecatedK = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@link #clientSettings(Map)} with the process environment. */
    public Map<String, String> clientSettings() {
        return clientSettings(System.getenv());
    }

    /**
     * The client settings without the bootstrap servers: the {@code --client-config} file, then
     * {@code -X} over it, and {@code sasl.jaas.config} from {@value #SASL_JAAS_CONFIG_ENV} in
     * {@code env} if neither sets it. A file that cannot be read is misuse of the command, naming the file.
     */
    public Map<String, String> clientSettings(Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        Path file = clientConfig != null ? clientConfig : deprecatedProducerConfig;
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                String message = "--client-config: cannot read " + file + ": " + e.getClass().getSimpleName();
                throw command == null ? new IllegalArgumentException(message, e)
                        : new CommandLine.ParameterException(command.commandLine(), message, e, null, file.toString());
            }
            properties.forEach((key, value) -> settings.put(key.toString(), value.toString()));
        }
        settings.putAll(deprecatedK);
        settings.putAll(kafkaOptions);
        String jaasFromEnv = env.get(SASL_JAAS_CONFIG_ENV);
        if (!settings.containsKey(SASL_JAAS_CONFIG) && jaasFromEnv != null && !jaasFromEnv.isBlank()) {
            settings.put(SASL_JAAS_CONFIG, jaasFromEnv.strip());
        }
        return settings;
    }

    /**
     * {@code bootstrap.servers} and {@link #clientSettings()}, as a Kafka client takes them: a
     * {@code bootstrap.servers} in the file or {@code -X} wins, as it does for the jobs' Spark options.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.putAll(clientSettings());
        return properties;
    }
}
