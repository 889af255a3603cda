package io.tickpipe.schemas;

import io.tickpipe.common.schema.CompatibilityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Build gate: every current schema must keep the compatibility level declared for it against every
 * released version of it, checked with Avro's own SchemaCompatibility, the same rule the registry
 * applies. Run by the schemas module's build; a violation fails the build with the field and the rule.
 */
public final class CompatibilityGate {
    private CompatibilityGate() {
    }

    /** Arguments: the folder of current .avsc files, the history folder, the levels file. */
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CompatibilityGate <avro dir> <history dir> <levels file>");
        }
        List<String> problems = check(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out::println);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("schema compatibility gate failed:\n  " + String.join("\n  ", problems));
        }
    }

    /** Returns one line per problem; an empty list means every schema passes. */
    public static List<String> check(Path avroDir, Path historyDir, Path levelsFile, java.util.function.Consumer<String> log) {
        Properties levels = loadLevels(levelsFile);
        List<String> problems = new ArrayList<>();
        for (Path file : avscFiles(avroDir)) {
            Schema current = SchemaHistory.parse(file);
            String declared = levels.getProperty(current.getFullName());
            if (declared == null) {
                problems.add(current.getFullName() + " (" + file.getFileName() + "): no compatibility level declared in "
                        + levelsFile.getFileName());
                continue;
            }
            CompatibilityLevel level = CompatibilityLevel.parse(declared);
            SchemaHistory history = SchemaHistory.load(historyDir, current);
            if (history.versions().isEmpty()) {
                problems.add(current.getFullName() + ": no released version under " + historyDir
                        + "/" + current.getName().toLowerCase() + "/ (add v1.avsc)");
                continue;
            }
            List<CompatibilityLevel.Violation> violations = level.check(current, history.versions());
            for (CompatibilityLevel.Violation violation : violations) {
                problems.add(current.getFullName() + " (" + file.getFileName() + ") breaks " + violation);
            }
            if (violations.isEmpty()) {
                log.accept("schema gate: " + current.getFullName() + " keeps " + level + " against "
                        + history.versions().stream().map(java.util.Map.Entry::getKey).toList()
                        + (history.isReleased(current) ? "" : " (current schema is not released yet: add it to history when it is)"));
            }
        }
        return problems;
    }

    private static Properties loadLevels(Path levelsFile) {
        Properties levels = new Properties();
        try (InputStream in = Files.newInputStream(levelsFile)) {
            levels.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compatibility levels " + levelsFile, e);
        }
        return levels;
    }

    private static List<Path> avscFiles(Path avroDir) {
        try (Stream<Path> files = Files.list(avroDir)) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + avroDir, e);
        }
    }
}
