package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
}
