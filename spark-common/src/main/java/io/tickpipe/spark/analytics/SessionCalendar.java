package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Trading sessions that open every day at one local time in one zone (default America/New_York
 * 09:30) and last until the next open. There is no close and no holiday list: pre-market and
 * after-hours trades belong to the session that opened before them, which keeps the rule total and
 * simple; weekends simply hold small sessions. Zone rules make it follow daylight saving time.
 */
public final class SessionCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final LocalTime open;

    /** Sessions opening daily at {@code open} local time in {@code zone}. */
    public SessionCalendar(ZoneId zone, LocalTime open) {
        this.zone = zone;
        this.open = open;
    }

    /** Epoch micros of the open of the session holding the instant {@code epochMicros}. */
    public long sessionStart(long epochMicros) {
        Instant instant = Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
        LocalDate day = instant.atZone(zone).toLocalDate();
        // ZonedDateTime.of moves a time in a spring-forward gap to after the gap, so an open inside the
        // gap still opens exactly once that day.
        ZonedDateTime opening = ZonedDateTime.of(day, open, zone);
        if (opening.toInstant().isAfter(instant)) {
            opening = ZonedDateTime.of(day.minusDays(1), open, zone);
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, opening.toInstant());
    }
}
