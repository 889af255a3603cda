package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SessionCalendarTest {
    private final SessionCalendar newYork =
            new SessionCalendar(ZoneId.of("America/New_York"), LocalTime.of(9, 30));

    @Test
    void theSessionOpensAtTheLocalTimeAndRunsUntilTheNextOpen() {
        // Winter: 09:30 EST is 14:30 UTC.
        long open = Micros.at("2026-01-05T14:30:00Z");
        assertThat(newYork.sessionStart(open)).isEqualTo(open);
        assertThat(newYork.sessionStart(Micros.at("2026-01-05T21:00:00Z"))).isEqualTo(open);
        assertThat(newYork.sessionStart(Micros.at("2026-01-06T14:29:59Z"))).isEqualTo(open);
        assertThat(newYork.sessionStart(open - 1)).isEqualTo(Micros.at("2026-01-04T14:30:00Z"));
    }

    @Test
    void followsDaylightSavingTime() {
        // Clocks went forward on Sunday 2026-03-08: 09:30 EDT is 13:30 UTC from that day on.
        assertThat(newYork.sessionStart(Micros.at("2026-03-09T13:30:00Z")))
                .isEqualTo(Micros.at("2026-03-09T13:30:00Z"));
        assertThat(newYork.sessionStart(Micros.at("2026-03-09T13:29:59Z")))
                .isEqualTo(Micros.at("2026-03-08T13:30:00Z"));
        assertThat(newYork.sessionStart(Micros.at("2026-03-08T13:00:00Z")))
                .isEqualTo(Micros.at("2026-03-07T14:30:00Z"));
    }

    @Test
    void localMidnightOpenInAnotherZone() {
        SessionCalendar tokyo = new SessionCalendar(ZoneId.of("Asia/Tokyo"), LocalTime.MIDNIGHT);
        assertThat(tokyo.sessionStart(Micros.at("2026-01-05T14:59:59Z")))
                .isEqualTo(Micros.at("2026-01-04T15:00:00Z"));
        assertThat(tokyo.sessionStart(Micros.at("2026-01-05T15:00:00Z")))
                .isEqualTo(Micros.at("2026-01-05T15:00:00Z"));
    }
}
