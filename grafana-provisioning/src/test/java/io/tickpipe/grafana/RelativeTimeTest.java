package io.tickpipe.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    @Test
    void resolvesNowAndNowMinusADuration() {
        assertThat(RelativeTime.resolve("now", NOW)).isEqualTo(NOW);
        assertThat(RelativeTime.resolve("now-1h", NOW)).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        assertThat(RelativeTime.resolve("now-15m", NOW)).isEqualTo(Instant.parse("2026-03-02T14:45:00Z"));
        assertThat(RelativeTime.resolve("now-600s", NOW)).isEqualTo(Instant.parse("2026-03-02T14:50:00Z"));
        assertThat(RelativeTime.resolve("now-2d", NOW)).isEqualTo(Instant.parse("2026-02-28T15:00:00Z"));
        assertThat(RelativeTime.resolve("now-1w", NOW)).isEqualTo(Instant.parse("2026-02-23T15:00:00Z"));
    }

    @Test
    void refusesWhatItDoesNotResolve() {
        assertThatThrownBy(() -> RelativeTime.resolve("now/d", NOW)).hasMessageContaining("'now/d'");
        assertThatThrownBy(() -> RelativeTime.resolve("now-1M", NOW)).hasMessageContaining("'now-1M'");
        assertThatThrownBy(() -> RelativeTime.resolve("now-1y", NOW)).hasMessageContaining("'now-1y'");
        assertThatThrownBy(() -> RelativeTime.resolve("2026-03-02", NOW)).hasMessageContaining("'2026-03-02'");
    }
}
