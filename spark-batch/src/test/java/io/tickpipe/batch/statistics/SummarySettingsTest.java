package io.tickpipe.batch.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummarySettingsTest {

    @Test
    void dailyBarsAnnualiseWithTheSquareRootOf252() {
        assertThat(SummarySettings.defaults().interval().label()).isEqualTo("1d");
        assertThat(SummarySettings.defaults().annualizationFactor()).isEqualTo(Math.sqrt(252));
        // The trading day's length matters only within a day.
        assertThat(SummarySettings.defaults().withTradingDay(Duration.parse("PT6H30M")).annualizationFactor())
                .isEqualTo(Math.sqrt(252));
    }

    @Test
    void minuteBarsAroundTheClockCountEveryMinuteOfTheDay() {
        assertThat(SummarySettings.defaults().withInterval("1m").annualizationFactor())
                .isEqualTo(Math.sqrt(252.0 * 24 * 60));
    }

    @Test
    void minuteBarsOfAnEquitySessionCountTheSessionsMinutes() {
        assertThat(SummarySettings.defaults().withInterval("1m").withTradingDay(Duration.parse("PT6H30M"))
                .annualizationFactor()).isEqualTo(Math.sqrt(252.0 * 390));
    }

    @Test
    void barsOfTwoDaysAreHalfAsMany() {
        assertThat(SummarySettings.defaults().withInterval("2d").annualizationFactor()).isEqualTo(Math.sqrt(126));
    }

    @Test
    void anIntervalLongerThanTheTradingDayCountsOneBarADay() {
        assertThat(SummarySettings.defaults().withInterval("8h").withTradingDay(Duration.parse("PT6H30M"))
                .annualizationFactor()).isEqualTo(Math.sqrt(252));
        assertThat(SummarySettings.defaults().withInterval("8h").annualizationFactor()).isEqualTo(Math.sqrt(252 * 3));
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "-PT1H", "PT24H1S"})
    void aTradingDayOutsideOneDayIsRejected(String length) {
        assertThatThrownBy(() -> SummarySettings.defaults().withTradingDay(Duration.parse(length)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trading day " + Duration.parse(length)
                        + " is not a length above 0 and at most 24 hours (6.5 hours for an equity session)");
    }

    @ParameterizedTest
    @CsvSource({
        // interval, zone, start, end
        "1h, America/New_York, 2026-03-08T06:00:00Z, 2026-03-08T07:00:00Z",
        "1d, UTC, 2026-03-08T00:00:00Z, 2026-03-09T00:00:00Z",
        "1d, America/New_York, 2026-03-08T05:00:00Z, 2026-03-09T04:00:00Z",
        "1d, America/New_York, 2026-11-01T04:00:00Z, 2026-11-02T05:00:00Z",
        "2d, America/New_York, 2026-03-07T05:00:00Z, 2026-03-09T04:00:00Z",
        "1d, America/New_York, 2026-03-10T04:00:00Z, 2026-03-11T04:00:00Z"})
    void barEndsAreCalendarDaysInTheSessionZone(String interval, String zone, String start, String end) {
        SummarySettings settings = SummarySettings.defaults().withInterval(interval).withSessionZone(ZoneId.of(zone));

        assertThat(settings.endMicros(micros(start))).isEqualTo(micros(end));
    }

    private static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }
}
