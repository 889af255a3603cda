package io.tickpipe.spark.testing;

import io.tickpipe.stack.AuthenticatedInfluxDb;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's own topics (a {@link StackFixture}) reached through the test stack's SASL listener, and
 * its own database on the stack's InfluxDB with authentication enabled: the producer's and the jobs'
 * arguments for them, every credential read from a file. The stack's own SASL user and InfluxDB admin
 * unless {@link #as} names others; the stack's registry unless {@link #throughRegistry} names another URL.
 */
public final class SecuredFixture {

    public final StackFixture topics;
    public final AuthenticatedInfluxDb influxServer;
    public final String database;
    /** The Kafka client properties file, the login included. */
    public final Path kafkaClientConfig;
    public final String influxUser;
    /** Null: the password comes from elsewhere (INFLUX_PASSWORD). */
    public final Path influxPasswordFile;
    public final String registryUrl;

    private SecuredFixture(StackFixture topics, AuthenticatedInfluxDb influxServer, String database, Path kafkaClientConfig,
                           String influxUser, Path influxPasswordFile, String registryUrl) {
        this.topics = topics;
        this.influxServer = influxServer;
        this.database = database;
        this.kafkaClientConfig = kafkaClientConfig;
        this.influxUser = influxUser;
        this.influxPasswordFile = influxPasswordFile;
        this.registryUrl = registryUrl;
    }

    public static SecuredFixture fresh(String name) {
        LocalStack stack = TestStack.shared();
        StackFixture topics = StackFixture.fresh(stack, name);
        AuthenticatedInfluxDb influx = TestStack.authenticatedInflux();
        SecuredFixture fixture = new SecuredFixture(topics, influx, topics.database, stack.kafkaSaslClientConfig(),
                influx.adminUser(), influx.adminPasswordFile(), stack.schemaRegistryUrl());
        fixture.influx().createDatabase();
        return fixture;
    }

    /** The same topics and database, reached with other credentials ({@code influxPasswordFile} may be null). */
    public SecuredFixture as(Path kafkaClientConfig, String influxUser, Path influxPasswordFile) {
        return new SecuredFixture(topics, influxServer, database, kafkaClientConfig, influxUser, influxPasswordFile, registryUrl);
    }

    /**
     * The same topics and credentials, with a database of its own ({@code database_name}, created as
     * the admin): the user must be granted access to it.
     */
    public SecuredFixture withDatabase(String name) {
        SecuredFixture fixture = new SecuredFixture(topics, influxServer, database + "_" + name, kafkaClientConfig, influxUser,
                influxPasswordFile, registryUrl);
        fixture.influx().createDatabase();
        return fixture;
    }

    /** The same, with the schema registry at {@code url} (a proxy in front of the stack's, say). */
    public SecuredFixture throughRegistry(String url) {
        return new SecuredFixture(topics, influxServer, database, kafkaClientConfig, influxUser, influxPasswordFile, url);
    }

    public String saslBootstrapServers() {
        return topics.stack.kafkaSaslBootstrapServers();
    }

    /** The fixture's database, as the InfluxDB admin. */
    public Influx influx() {
        try {
            return new Influx(influxServer.url(), database, influxServer.adminUser(),
                    Files.readString(influxServer.adminPasswordFile()).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tickpipe produce}'s: the SASL listener with the client file, the registry, the topics. */
    public String[] produceArgs(String... more) {
        return StackFixture.concat(List.of("--bootstrap-servers", saslBootstrapServers(), "--client-config", kafkaClientConfig.toString(),
                "--schema-registry", registryUrl, "--topic-prefix", topics.prefix), more);
    }

    /** Either job's: {@link #produceArgs} and the authenticated InfluxDB, the password from its file if there is one. */
    public String[] jobArgs(String... more) {
        List<String> influx = new ArrayList<>(List.of("--influx-url", influxServer.url(), "--influx-db", database,
                "--influx-user", influxUser));
        if (influxPasswordFile != null) {
            influx.addAll(List.of("--influx-password-file", influxPasswordFile.toString()));
        }
        return produceArgs(StackFixture.concat(influx, more));
    }

    /** The streaming job's: {@link #jobArgs(String...)} with its checkpoints under {@code dir}. */
    public String[] jobArgs(Path dir, String... more) {
        return jobArgs(StackFixture.concat(List.of("--checkpoint-dir", dir.resolve("checkpoints").toString()), more));
    }
}
