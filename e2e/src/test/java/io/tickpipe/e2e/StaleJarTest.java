package io.tickpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar that make runs is never older than anything it is built from. In a scratch copy of the
 * repository with jars newer than every file, each kind of input is made newer in turn and make is
 * asked ({@code make -n}) which jars it would build again: exactly those built from that input.
 * Then make really rebuilds one, through a recording stand-in for Maven.
 */
class StaleJarTest {

    private static final Path ROOT = Path.of(System.getProperty("tickpipe.root", "..")).toAbsolutePath().normalize();
    private static final String CLI = "producer-cli/target/producer-cli.jar";
    private static final String STREAM = "spark-stream/target/spark-stream.jar";
    private static final String BATCH = "spark-batch/target/spark-batch.jar";
    private static final String STACK = "local-stack/target/local-stack.jar";
    private static final List<String> JARS = List.of(CLI, STREAM, BATCH, STACK);
    private static final Set<String> SKIPPED = Set.of(".git", ".stack", "target", "node_modules");
    private static final FileTime SOURCES = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));
    private static final FileTime BUILT = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

    @TempDir
    static Path copy;

    @BeforeAll
    static void copyTheRepositoryWithFreshJars() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(StaleJarTest::isSource)::iterator) {
                Path target = copy.resolve(ROOT.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setLastModifiedTime(target, SOURCES);
            }
        }
        for (String jar : JARS) {
            Path file = copy.resolve(jar);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
            Files.setLastModifiedTime(file, BUILT);
        }
    }

    private static boolean isSource(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (SKIPPED.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void eachKindOfInputRebuildsExactlyTheJarsBuiltFromIt() throws Exception {
        assertThat(stale()).as("jars newer than every file").isEmpty();
        Map<String, Set<String>> cases = Map.ofEntries(
                Map.entry("pom.xml", Set.of(CLI, STREAM, BATCH, STACK)),
                Map.entry("producer-cli/src/main/java/io/tickpipe/producer/ProduceCommand.java", Set.of(CLI)),
                Map.entry("producer-cli/pom.xml", Set.of(CLI)),
                Map.entry("avro-wire/pom.xml", Set.of(CLI, STREAM, BATCH)),
                Map.entry("avro-wire/src/main/java/io/tickpipe/wire/WireFormat.java", Set.of(CLI, STREAM, BATCH)),
                Map.entry("schemas/pom.xml", Set.of(CLI, STREAM, BATCH)),
                Map.entry("schemas/history/trade/v1.avsc", Set.of(CLI, STREAM, BATCH)),
                Map.entry("schemas/src/main/avro/Trade.avsc", Set.of(CLI, STREAM, BATCH)),
                Map.entry("schemas/src/main/resources/io/tickpipe/market/compatibility.properties", Set.of(CLI, STREAM, BATCH)),
                Map.entry("common/src/main/java/io/tickpipe/common/SecretFile.java", Set.of(CLI, STREAM, BATCH)),
                Map.entry("options/pom.xml", Set.of(CLI, STREAM, BATCH)),
                Map.entry("market-files/src/main/java/io/tickpipe/files/ReplayFile.java", Set.of(CLI, BATCH)),
                Map.entry("influx/src/main/java/io/tickpipe/influx/InfluxConfig.java", Set.of(CLI, STREAM, BATCH)),
                Map.entry("spark-common/src/main/java/io/tickpipe/spark/analytics/SymbolState.java", Set.of(STREAM, BATCH)),
                Map.entry("spark-job-parent/pom.xml", Set.of(STREAM, BATCH)),
                Map.entry("spark-stream/src/main/resources/io/tickpipe/stream/fairscheduler.xml", Set.of(STREAM)),
                Map.entry("spark-batch/pom.xml", Set.of(BATCH)),
                Map.entry("local-stack/src/main/resources/tickpipe-stack/stack.properties", Set.of(STACK)),
                // Not part of any jar: tests, another module, the docs.
                Map.entry("producer-cli/src/test/java/io/tickpipe/producer/CliUsageTest.java", Set.of()),
                Map.entry("spark-common/src/test/java/io/tickpipe/spark/analytics/SymbolStateTest.java", Set.of()),
                Map.entry("bench/pom.xml", Set.of()),
                Map.entry("spark-stream/conf/log4j2.properties", Set.of()),
                Map.entry("README.md", Set.of()));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> input : cases.entrySet()) {
            Path file = copy.resolve(input.getKey());
            assertThat(file).as("an input of the kind this case is about").isRegularFile();
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            Set<String> stale = stale();
            Files.setLastModifiedTime(file, SOURCES);
            if (!stale.equals(input.getValue())) {
                wrong.add(input.getKey() + " newer: make would rebuild " + stale + ", expected " + new TreeSet<>(input.getValue()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void makeRebuildsAStaleJarThroughMavenAndThenItIsFresh() throws Exception {
        Path log = copy.resolve("mvn-calls.log");
        Path mvn = copy.resolve("fake-mvn.sh");
        // Stands in for Maven: records how make called it and builds the jar by touching it.
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + log + "'\ntouch '" + copy.resolve(CLI) + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path history = copy.resolve("schemas/history/trade/v2.avsc");
        Files.setLastModifiedTime(history, FileTime.from(Instant.now()));
        try {
            assertThat(make(CLI, "MVN=" + mvn)).isZero();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("-pl producer-cli -am package -DskipTests");
            assertThat(Files.getLastModifiedTime(copy.resolve(CLI))).isGreaterThan(Files.getLastModifiedTime(history));
            assertThat(make("-q", CLI)).as("fresh after the rebuild").isZero();
        } finally {
            Files.setLastModifiedTime(history, SOURCES);
            Files.setLastModifiedTime(copy.resolve(CLI), BUILT);
        }
    }

    /** The jars make would build again: one dry run ({@code make -n}) over all four, read for the Maven calls it prints. */
    private static Set<String> stale() throws Exception {
        List<String> args = new ArrayList<>(List.of("-n", "MVN=would-build"));
        args.addAll(JARS);
        assertThat(make(args.toArray(String[]::new))).as("make -n " + JARS).isZero();
        Set<String> stale = new TreeSet<>();
        for (String line : Files.readAllLines(copy.resolve("make.log"), StandardCharsets.UTF_8)) {
            if (line.startsWith("would-build ")) {
                String module = line.replaceAll(".* -pl ([^ ]+) .*", "$1");
                stale.add(module + "/target/" + module + ".jar");
            }
        }
        return stale;
    }

    private static int make(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", copy.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(copy.resolve("make.log").toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("make " + String.join(" ", args) + " did not finish");
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }
}
