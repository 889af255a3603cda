package io.tickpipe.batch.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ground truth of a simulation: the jumps {@code tickpipe produce --labels FILE} recorded, read
 * back from its CSV ({@code symbol,event_time,log_size}).
 */
public final class JumpLabels {
    /** The header the producer writes. */
    public static final String HEADER = "symbol,event_time,log_size";

    /** One injected jump. */
    public record Jump(String symbol, Instant eventTime, double logSize) {
    }

    private JumpLabels() {
    }

    /** The jumps of {@code file}; {@link IllegalArgumentException} naming the file, line and field of bad input. */
    public static List<Jump> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the labels file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException(file + " line 1: expected the header " + HEADER + " of tickpipe produce --labels");
        }
        List<Jump> jumps = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String where = file + " line " + (i + 1) + ": ";
            if (fields.length != 3) {
                throw new IllegalArgumentException(where + "expected 3 fields (" + HEADER + "), found " + fields.length);
            }
            if (fields[0].isBlank()) {
                throw new IllegalArgumentException(where + "symbol is empty");
            }
            Instant time;
            try {
                time = Instant.parse(fields[1].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + "event_time '" + fields[1] + "' is not an ISO-8601 instant");
            }
            double size;
            try {
                size = Double.parseDouble(fields[2].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "log_size '" + fields[2] + "' is not a number");
            }
            jumps.add(new Jump(fields[0].strip(), time, size));
        }
        return jumps;
    }
}
