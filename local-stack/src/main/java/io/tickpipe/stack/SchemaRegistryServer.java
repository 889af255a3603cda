package io.tickpipe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Apicurio Registry, serving the Confluent Schema Registry API (ccompat v7). */
final class SchemaRegistryServer implements Server {

    private final Path directory;
    private final int port;

    SchemaRegistryServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Path directory() {
        return directory;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    @Override
    public String endpoint() {
        return url();
    }

    @Override
    public void prepare() throws IOException {
        BuildArtifacts.apicurioRunnerJar(); // says how to fix it when missing
        Files.createDirectories(tmpDir());
    }

    private Path tmpDir() {
        return directory.resolve("tmp");
    }

    @Override
    public List<String> command() {
        return List.of(Jvm.executable(), "-Xmx384m",
                "-Djava.io.tmpdir=" + tmpDir(), // Vert.x caches files there
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // The default is an in-memory H2 database; a file keeps the schemas across restarts.
                "-Dapicurio.datasource.url=jdbc:h2:file:" + directory.resolve("db").resolve("registry"),
                // The default pool of 20 connections is for a production database.
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                // Quarkus waits 5 s for a connection; opening the H2 file on a busy 2-core machine can take longer.
                "-Dquarkus.datasource.h2.jdbc.acquisition-timeout=60S",
                "-jar", BuildArtifacts.apicurioRunnerJar().toString());
    }

    @Override
    public boolean isReady() throws IOException, InterruptedException {
        return Http.get(url() + "/subjects") == 200;
    }
}
