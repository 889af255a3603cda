package io.tickpipe.files;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * When a bar of a bar file starts, from its time column or its date column.
 *
 * <p>A time column's value may be an ISO-8601 date-time with offset ({@code 2024-01-02T14:30:00Z},
 * {@code 2024-01-02 09:30:00-05:00}); a local date-time ({@code 2024-01-02T09:30}, {@code 2024-01-02
 * 09:30:00}) or a date ({@code 2024-01-02}, its midnight) in the session zone; epoch seconds (up to 11
 * digits) or epoch milliseconds (12 or more: 1e11 seconds is the year 5138, 1e11 milliseconds 1973);
 * and, when the file also has a date column, a time of day ({@code 09:30}, {@code 09:30:00}) on that
 * date in the session zone. A date column alone gives the date's midnight in the session zone: a
 * daily bar is the calendar day of the session, not of UTC.
 *
 * <p>A local time the zone skips (the hour clocks jump at the start of summer time) moves forward
 * by the jump, one it repeats takes the earlier offset (java.time's rule).
 */
final class BarStart {
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern SPACED_DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) +(\\d.*)");
    private static final long SECONDS_BELOW = 100_000_000_000L;

    private final String timeColumn;
    private final String dateColumn;
    private final ZoneId zone;

    /**
     * @param timeColumn the header's name of the time column, or null to use the date column alone
     * @param dateColumn the header's name of the date column, or null
     */
    BarStart(String timeColumn, String dateColumn, ZoneId zone) {
        if (timeColumn == null && dateColumn == null) {
            throw new IllegalArgumentException("a bar start needs a time or a date column");
        }
        this.timeColumn = timeColumn;
        this.dateColumn = dateColumn;
        this.zone = zone;
    }

    Instant of(CSVRecord record) throws BadLineException {
        if (timeColumn == null) {
            return date(record).atStartOfDay(zone).toInstant();
        }
        String text = record.get(timeColumn);
        if (EPOCH.matcher(text).matches()) {
            try {
                long value = Long.parseLong(text);
                return Math.abs(value) < SECONDS_BELOW ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
            } catch (NumberFormatException e) {
                throw notATime(text);
            }
        }
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw notATime(text);
            }
        }
        if (dateColumn != null && TIME_OF_DAY.matcher(text).matches()) {
            LocalDate date = date(record);
            try {
                return LocalDateTime.of(date, LocalTime.parse(text.indexOf(':') == 1 ? "0" + text : text))
                        .atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw notATime(text);
            }
        }
        String iso = SPACED_DATE_TIME.matcher(text).replaceFirst("$1T$2");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset: a local date-time, or nothing
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw notATime(text);
        }
    }

    private LocalDate date(CSVRecord record) throws BadLineException {
        String text = record.get(dateColumn);
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new BadLineException(dateColumn + " '" + text + "' is not a date (yyyy-MM-dd)");
    }

    private BadLineException notATime(String text) {
        return new BadLineException(timeColumn + " '" + text + "' is not a time: ISO-8601 with offset "
                + "(2024-01-02T14:30:00Z), a local date-time or date in " + zone + " (2024-01-02 09:30), "
                + (dateColumn != null ? "a time of day on the " + dateColumn + ", " : "")
                + "or epoch seconds or milliseconds");
    }
}
