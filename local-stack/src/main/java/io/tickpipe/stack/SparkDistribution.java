package io.tickpipe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark a standalone cluster runs: the Maven-resolved Spark classpath a job module writes
 * ({@code spark-stream/target/spark.classpath}, what a Spark distribution holds) and the JVM flags
 * Spark needs on Java 17 ({@code jvm/java17.args}).
 *
 * <p>A Worker starts executors through Spark's launcher, which builds their classpath from
 * SPARK_HOME: {@link #prepareHome} makes a directory that looks like a distribution to it, a
 * {@code jars/} of links to every jar of the classpath and a {@code RELEASE} file; without them
 * every executor fails at once with "Cannot find any build directories".
 */
record SparkDistribution(Path classpathFile, Path jvmOptionsFile) {

    /** The locations make and the tests pass, relative to the repository root. */
    static SparkDistribution in(Path repositoryRoot) {
        return new SparkDistribution(repositoryRoot.resolve("spark-stream/target/spark.classpath"),
                repositoryRoot.resolve("jvm/java17.args"));
    }

    String classpath() throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the Spark classpath " + classpathFile
                    + " is missing; build it: mvn -B -pl spark-stream -am package -DskipTests");
        }
        return Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    }

    /**
     * Writes the classpath into {@code dir/classpath.args} and returns {@code java @flags
     * @classpath.args}, the start of a Spark daemon's command line: short, so it fits the 4 KiB of a
     * command line the JDK reads back, and it names the daemon's folder, by which a later {@code
     * down} knows the process.
     */
    List<String> javaCommand(Path dir, String heap) throws IOException {
        Path argFile = dir.resolve("classpath.args");
        Files.writeString(argFile, "-cp \"" + classpath() + "\"\n");
        return new ArrayList<>(List.of(Jvm.executable(), "-Xmx" + heap, "@" + jvmOptionsFile.toAbsolutePath(),
                "@" + argFile));
    }

    /** Makes (or refreshes) a SPARK_HOME under {@code home}, a distribution as the launcher sees one. */
    Path prepareHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        if (Files.exists(jars)) {
            try (var old = Files.list(jars)) {
                for (Path link : (Iterable<Path>) old::iterator) {
                    Files.delete(link);
                }
            }
        }
        Files.createDirectories(jars);
        for (String entry : classpath().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Path link = jars.resolve(jar.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark (the Maven-resolved classpath of " + classpathFile + ")\n");
        return home;
    }
}
