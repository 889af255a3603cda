package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The hours of the day whose trades count, in the session zone: {@code 09:30-16:00} keeps an
 * equity's regular session and leaves out pre-market and after-hours prints, in every bar of every
 * interval (a {@code 1d} bar is then the regular session's open, high, low, close and volume).
 * From inclusive, to exclusive, as a bar is. {@link #ALL} keeps every trade.
 */
public final class SessionHours implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every hour of the day: markets that trade around the clock. */
    public static final SessionHours ALL = new SessionHours(null, null);

    private final LocalTime from;
    private final LocalTime to;

    private SessionHours(LocalTime from, LocalTime to) {
        this.from = from;
        this.to = to;
    }

    /** Parses {@code HH:MM-HH:MM}, the first before the second. */
    public static SessionHours parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = LocalTime.parse(parts[1].trim());
                if (from.isBefore(to)) {
                    return new SessionHours(from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("session hours '" + text + "' are not HH:MM-HH:MM with the first before the second"
                + " (for example 09:30-16:00)");
    }

    /** Whether a trade at {@code epochMicros} is within the hours, read on the clocks of {@code zone}. */
    public boolean includes(long epochMicros, ZoneId zone) {
        if (from == null) {
            return true;
        }
        LocalTime time = LocalTime.ofInstant(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS), zone);
        return !time.isBefore(from) && time.isBefore(to);
    }

    /** The length of the session, or 24 hours for {@link #ALL}: the trading day for annualising volatility. */
    public java.time.Duration length() {
        return from == null ? java.time.Duration.ofDays(1) : java.time.Duration.between(from, to);
    }

    @Override
    public String toString() {
        return from == null ? "all" : from + "-" + to;
    }
}
