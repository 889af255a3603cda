package io.tickpipe.batch.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Where a display bucket starts, computed with java.time: the independent side of the Spark expressions. */
final class ExpectedBuckets {
    private ExpectedBuckets() {
    }

    static Instant start(Instant time, DisplayInterval interval, ZoneId zone) {
        LocalDate day = time.atZone(zone).toLocalDate();
        return switch (interval.unit()) {
            case FIXED -> {
                long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
                long start = Math.floorDiv(micros, interval.nominalMicros()) * interval.nominalMicros();
                yield Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000L), Math.floorMod(start, 1_000_000L) * 1_000);
            }
            case DAY -> day.atStartOfDay(zone).toInstant();
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            case MONTH -> day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        };
    }
}
