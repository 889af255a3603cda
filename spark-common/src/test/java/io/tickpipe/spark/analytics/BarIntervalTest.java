package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BarIntervalTest {

    @ParameterizedTest
    @CsvSource({"1s,1", "1m,60", "5m,300", "1h,3600", "1d,86400", "15s,15"})
    void parsesLabelAndLength(String text, long seconds) {
        BarInterval interval = BarInterval.parse(text);
        assertThat(interval.label()).isEqualTo(text);
        assertThat(interval.micros()).isEqualTo(seconds * Micros.SECOND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "1", "m", "1ms", "1w", "-1s", "1.5m"})
    void rejectsWhatIsNotCountAndUnit(String text) {
        assertThatThrownBy(() -> BarInterval.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void barsAreEpochAlignedAndHalfOpen() {
        BarInterval minute = BarInterval.parse("1m");
        long boundary = Micros.at("2026-01-05T14:31:00Z");
        assertThat(minute.startOf(boundary)).isEqualTo(boundary);
        assertThat(minute.startOf(boundary - 1)).isEqualTo(Micros.at("2026-01-05T14:30:00Z"));
        assertThat(minute.endOf(minute.startOf(boundary - 1))).isEqualTo(boundary);
        assertThat(minute.startOf(-1)).isEqualTo(-60 * Micros.SECOND);
        assertThat(BarInterval.parse("1d").startOf(Micros.at("2026-01-05T23:59:59Z")))
                .isEqualTo(Micros.at("2026-01-05T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-07, 24",   // an ordinary New York day
        "2026-03-08, 23",   // daylight saving time begins
        "2026-11-01, 25",   // daylight saving time ends
    })
    void dailyBarsAreCalendarDaysOfTheZone(LocalDate day, long hours) {
        ZoneId newYork = ZoneId.of("America/New_York");
        BarInterval daily = BarInterval.parse("1d", newYork);
        long midnight = micros(day, newYork);
        long nextMidnight = micros(day.plusDays(1), newYork);
        assertThat(nextMidnight - midnight).isEqualTo(hours * 3_600 * Micros.SECOND);
        for (long at : new long[] {midnight, midnight + 1, nextMidnight - 1, (midnight + nextMidnight) / 2}) {
            assertThat(daily.startOf(at)).as("bar of %s", at).isEqualTo(midnight);
        }
        assertThat(daily.startOf(midnight - 1)).isEqualTo(micros(day.minusDays(1), newYork));
        assertThat(daily.endOf(midnight)).isEqualTo(nextMidnight);
        assertThat(daily.startOf(nextMidnight)).isEqualTo(nextMidnight);
        assertThat(daily.isCalendarDays()).isTrue();
        assertThat(daily.zone()).isEqualTo(newYork);
        // Not UTC's day: 20:00 New York is the next day in UTC, the same bar here.
        assertThat(daily.startOf(micros(day, newYork) + 20 * 3_600 * Micros.SECOND)).isEqualTo(midnight);
    }

    @Test
    void aBarOfSeveralDaysStartsOnADayCountedFromTheEpoch() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        BarInterval twoDays = BarInterval.parse("2d", tokyo);
        LocalDate even = LocalDate.ofEpochDay(20_000);
        assertThat(twoDays.startOf(micros(even.plusDays(1), tokyo) + 5)).isEqualTo(micros(even, tokyo));
        assertThat(twoDays.endOf(micros(even, tokyo))).isEqualTo(micros(even.plusDays(2), tokyo));
    }

    @Test
    void barsShorterThanADayIgnoreTheZone() {
        BarInterval hour = BarInterval.parse("1h", ZoneId.of("Asia/Kolkata"));
        long at = Micros.at("2026-01-05T14:45:00Z");
        assertThat(hour.startOf(at)).isEqualTo(Micros.at("2026-01-05T14:00:00Z"));
        assertThat(hour.isCalendarDays()).isFalse();
    }

    @Test
    void aDeserializedIntervalComputesAsTheOriginal() throws Exception {
        BarInterval daily = BarInterval.parse("1d", ZoneId.of("America/New_York"));
        long at = Micros.at("2026-03-08T12:00:00Z");
        daily.startOf(at);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(daily);
        }
        BarInterval copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (BarInterval) in.readObject();
        }
        assertThat(copy).isEqualTo(daily);
        assertThat(copy.startOf(at)).isEqualTo(daily.startOf(at));
        assertThat(copy.endOf(copy.startOf(at))).isEqualTo(daily.endOf(daily.startOf(at)));
    }

    private static long micros(LocalDate day, ZoneId zone) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, day.atStartOfDay(zone).toInstant());
    }
}
