package io.tickpipe.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code --from} and {@code --to} of every batch command (a picocli mixin): an ISO-8601 date or
 * instant each. A date means whole UTC days: {@code --from 2026-03-02} is its midnight, {@code --to
 * 2026-03-06} the end of that day, so a range of dates includes both. An instant is exact, the end
 * exclusive. What is bounded depends on the command: Kafka record timestamps for a read of the
 * topics, event times for files and the archive.
 */
public final class TimeRangeOptions {

    @Option(names = "--from", paramLabel = "DATE|INSTANT", converter = From.class,
            description = "Start, inclusive: a date (its midnight UTC) or an instant, e.g. 2026-03-02 or"
                    + " 2026-03-02T14:30:00Z (default: the beginning).")
    Instant from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT", converter = To.class,
            description = "End: a date (through its end, UTC) or an instant (exclusive) (default: the end).")
    Instant to;

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** The range checked: {@code from} before {@code to} when both are given. */
    public TimeRangeOptions checked() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        return this;
    }

    static Instant startOf(String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a date or an instant (e.g. 2026-03-02 or 2026-03-02T14:30:00Z)");
        }
    }

    /** A {@code --from}: a date's midnight UTC, or the instant. */
    static final class From implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return startOf(value.trim());
        }
    }

    /** A {@code --to}: the midnight UTC after the date, or the instant. */
    static final class To implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String text = value.trim();
            Instant start = startOf(text);
            return text.contains("T") ? start : start.plus(java.time.Duration.ofDays(1));
        }
    }
}
