package io.tickpipe.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The released versions of one record schema, kept as {@code history/<record>/v<N>.avsc}. Released
 * versions are never edited: they are what old producers wrote and old readers expect.
 */
public record SchemaHistory(String record, List<Map.Entry<String, Schema>> versions) {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    /** Loads {@code historyRoot/<simple name lower-cased>/v*.avsc}, oldest first. */
    public static SchemaHistory load(Path historyRoot, Schema current) {
        Path folder = historyRoot.resolve(current.getName().toLowerCase());
        List<Map.Entry<String, Schema>> versions = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted(Comparator.comparingInt(SchemaHistory::versionNumber)).toList()) {
                    Schema schema = parse(file);
                    if (!schema.getFullName().equals(current.getFullName())) {
                        throw new IllegalStateException(file + " holds " + schema.getFullName() + ", expected "
                                + current.getFullName());
                    }
                    versions.add(new AbstractMap.SimpleImmutableEntry<>(file.getFileName().toString()
                            .replace(".avsc", ""), schema));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return new SchemaHistory(current.getFullName(), List.copyOf(versions));
    }

    public static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static int versionNumber(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(file + ": history files are named v<N>.avsc");
        }
        return Integer.parseInt(m.group(1));
    }

    public boolean isReleased(Schema schema) {
        return !versions.isEmpty() && versions.get(versions.size() - 1).getValue().equals(schema);
    }
}
