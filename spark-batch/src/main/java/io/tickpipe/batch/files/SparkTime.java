package io.tickpipe.batch.files;

import java.time.Instant;

/** Instants as Spark timestamps hold them: microseconds since the epoch, years 1 to 9999. */
final class SparkTime {
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SparkTime() {
    }

    static boolean holds(Instant time) {
        return !time.isBefore(FIRST) && !time.isAfter(LAST);
    }

    /** The reason a line is rejected whose {@code column} holds a time Spark cannot. */
    static String outOfRange(String column, Instant time) {
        return column + " " + time + " is outside the years 1 to 9999 that a Spark timestamp holds";
    }

    /** Microseconds since the epoch, the sub-microsecond part dropped; {@code time} within {@link #holds}. */
    static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }
}
