package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SessionVwapTest {
    private static final long MINUTE = 60 * Micros.SECOND;

    @Test
    void accumulatesWithinASessionAndResetsAtTheOpen() {
        SessionVwap vwap = new SessionVwap(new SessionCalendar(ZoneId.of("America/New_York"), LocalTime.of(9, 30)));
        long open = Micros.at("2026-03-09T13:30:00Z"); // 09:30 EDT, the day after the DST change

        assertThat(add(vwap, open - 2 * MINUTE, 10, 100)).isEqualTo(10.0);
        assertThat(add(vwap, open - MINUTE, 20, 300)).isEqualTo(17.5);   // still the previous session
        assertThat(add(vwap, open, 30, 100)).isEqualTo(30.0);            // reset at the open
        assertThat(add(vwap, open + MINUTE, 40, 300)).isEqualTo(37.5);   // (3000 + 12000) / 400
    }

    private static Double add(SessionVwap vwap, long start, double price, double volume) {
        BigDecimal size = new BigDecimal(volume);
        return vwap.add(start, new BigDecimal(price).multiply(size), size);
    }
}
