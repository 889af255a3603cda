package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionHoursTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final SessionHours REGULAR = SessionHours.parse("09:30-16:00");

    @ParameterizedTest
    @CsvSource({
        "2026-01-05T14:29:59.999999Z, false",  // 09:29:59.999999 in New York (EST)
        "2026-01-05T14:30:00Z,        true",   // 09:30, the open
        "2026-01-05T20:59:59Z,        true",
        "2026-01-05T21:00:00Z,        false",  // 16:00, the close: excluded, as a bar's end is
        "2026-07-06T13:30:00Z,        true",   // 09:30 in summer (EDT)
        "2026-07-06T14:30:00Z,        true",
        "2026-07-06T20:30:00Z,        false",  // 16:30 EDT
    })
    void keepsTheHoursOnTheSessionZonesClocks(String instant, boolean included) {
        assertThat(REGULAR.includes(Micros.at(instant), NEW_YORK)).isEqualTo(included);
    }

    @ParameterizedTest
    @ValueSource(strings = {"16:00-09:30", "09:30", "9h-16h", "09:30-09:30", "", "09:30-16:00-17:00"})
    void refusesWhatIsNotAnIntervalOfTheDay(String text) {
        assertThatThrownBy(() -> SessionHours.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("HH:MM-HH:MM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05T03:00:00Z", "2026-01-05T14:30:00Z", "2026-01-05T23:59:59Z"})
    void allKeepsEveryTrade(String instant) {
        assertThat(SessionHours.ALL.includes(Micros.at(instant), NEW_YORK)).isTrue();
        assertThat(SessionHours.ALL.length()).hasHours(24);
        assertThat(REGULAR.length()).hasMinutes(390);
    }
}
