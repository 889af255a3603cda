package io.tickpipe.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GrafanaIntervalTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    @Test
    void rangeOverDataPointsIsRoundedToGrafanasSteps() {
        // 3.6 s per point -> 5 s; 86.4 s -> 1 m; 0.9 s -> 1 s; 60 ms -> 50 ms
        assertThat(GrafanaInterval.of(NOW.minusSeconds(3600), NOW, 1000, Duration.ofMillis(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(GrafanaInterval.of(NOW.minusSeconds(86_400), NOW, 1000, Duration.ofMillis(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(GrafanaInterval.of(NOW.minusSeconds(900), NOW, 1000, Duration.ofMillis(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(GrafanaInterval.of(NOW.minusSeconds(60), NOW, 1000, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(50));
        // Step edges: 3.5 s is already 5 s, just below it 2 s.
        assertThat(GrafanaInterval.round(3_499.9)).isEqualTo(2_000);
        assertThat(GrafanaInterval.round(3_500)).isEqualTo(5_000);
        assertThat(GrafanaInterval.round(4e10)).isEqualTo(31_536_000_000L);
    }

    @Test
    void neverBelowTheMinimumInterval() {
        assertThat(GrafanaInterval.of(NOW.minusSeconds(60), NOW, 1000, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(GrafanaInterval.of(NOW.minusSeconds(600), NOW, 43_200, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void formatsWithTheLargestWholeUnit() {
        assertThat(GrafanaInterval.format(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(GrafanaInterval.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(GrafanaInterval.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(GrafanaInterval.format(Duration.ofHours(6))).isEqualTo("6h");
        assertThat(GrafanaInterval.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(GrafanaInterval.format(Duration.ofMillis(31_536_000_000L))).isEqualTo("1y");
    }

    @Test
    void parsesIntervalTextAndRefusesOtherText() {
        assertThat(GrafanaInterval.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(GrafanaInterval.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GrafanaInterval.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> GrafanaInterval.parse("5 minutes")).hasMessageContaining("'5 minutes' is not an interval");
        assertThatThrownBy(() -> GrafanaInterval.parse("1M")).hasMessageContaining("'1M' is not an interval");
        assertThat(GrafanaInterval.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> GrafanaInterval.of(NOW, NOW, 1000, Duration.ZERO)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> GrafanaInterval.of(NOW.minusSeconds(1), NOW, 0, Duration.ZERO)).hasMessageContaining("max data points");
    }
}
