package io.tickpipe.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build of this module put the servers' binaries on this machine: it writes the Kafka
 * broker's classpath and the Apicurio runner jar's path into resources under {@code tickpipe-stack/}.
 */
final class BuildArtifacts {

    private static final String REBUILD_HINT = "rebuild local-stack: mvn -B -pl local-stack install -DskipTests";

    private BuildArtifacts() {
    }

    static String kafkaClasspath() {
        return resource("kafka.classpath").trim();
    }

    static Path apicurioRunnerJar() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(resource("stack.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(properties.getProperty("apicurio.runner.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry runner jar " + jar + " is missing; " + REBUILD_HINT);
        }
        return jar;
    }

    private static String resource(String name) {
        String path = "tickpipe-stack/" + name;
        try (InputStream in = BuildArtifacts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + path + " is missing; " + REBUILD_HINT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
