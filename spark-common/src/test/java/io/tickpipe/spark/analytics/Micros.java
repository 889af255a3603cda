package io.tickpipe.spark.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the epoch micros the analytics work in. */
final class Micros {
    static final long SECOND = 1_000_000L;

    private Micros() {
    }

    /** {@code "2026-01-05T14:30:00Z"} as epoch micros. */
    static long at(String isoInstant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(isoInstant));
    }

    static Timestamp timestamp(long micros) {
        return Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }
}
