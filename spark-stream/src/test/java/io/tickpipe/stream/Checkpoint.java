package io.tickpipe.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a query's checkpoint: which batches are planned (offsets/N) and done (commits/N), and up to which Kafka offsets. */
final class Checkpoint {

    private static final Pattern PARTITION = Pattern.compile("\"(\\d+)\":(\\d+)");
    private static final Pattern TOPIC = Pattern.compile("\"([^\"]+)\":\\{([^}]*)}");

    private final Path dir;

    Checkpoint(Path dir) {
        this.dir = dir;
    }

    OptionalLong lastCommitted() {
        return last(dir.resolve("commits"));
    }

    OptionalLong lastPlanned() {
        return last(dir.resolve("offsets"));
    }

    /** Kafka offsets (topic-partition to next offset) the last planned batch reads up to. */
    Map<String, Long> plannedOffsets() {
        OptionalLong last = lastPlanned();
        Map<String, Long> offsets = new HashMap<>();
        if (last.isEmpty()) {
            return offsets;
        }
        try {
            String[] lines = Files.readString(dir.resolve("offsets").resolve(Long.toString(last.getAsLong()))).split("\n");
            Matcher topic = TOPIC.matcher(lines[lines.length - 1]);
            while (topic.find()) {
                Matcher partition = PARTITION.matcher(topic.group(2));
                while (partition.find()) {
                    offsets.put(topic.group(1) + "-" + partition.group(1), Long.parseLong(partition.group(2)));
                }
            }
            return offsets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every planned batch is done and the last one reads up to the given end offsets. */
    boolean caughtUp(Map<String, Long> endOffsets) {
        OptionalLong committed = lastCommitted();
        return committed.isPresent() && committed.equals(lastPlanned()) && plannedOffsets().equals(endOffsets);
    }

    private static OptionalLong last(Path dir) {
        if (!Files.isDirectory(dir)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).max();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
