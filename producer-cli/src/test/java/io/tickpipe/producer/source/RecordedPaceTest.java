package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedPaceTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @Test
    void recordedPaceScaledBySpeed() {
        RecordedPace real = new RecordedPace(1);
        RecordedPace tenfold = new RecordedPace(10);
        long[] realOffsets = new long[3];
        long[] fastOffsets = new long[3];
        Instant[] times = {T0, T0.plusMillis(100), T0.plusMillis(250)};
        for (int i = 0; i < times.length; i++) {
            realOffsets[i] = real.dueOffsetNanos(times[i]);
            fastOffsets[i] = tenfold.dueOffsetNanos(times[i]);
        }
        assertThat(realOffsets).containsExactly(0, 100_000_000, 250_000_000);
        assertThat(fastOffsets).containsExactly(0, 10_000_000, 25_000_000);
    }

    @Test
    void speedZeroIsAsFastAsPossibleAndEarlierEventsAreDueAtOnce() {
        RecordedPace flat = new RecordedPace(0);
        assertThat(flat.dueOffsetNanos(T0)).isZero();
        assertThat(flat.dueOffsetNanos(T0.plusSeconds(3600))).isZero();
        RecordedPace real = new RecordedPace(1);
        real.dueOffsetNanos(T0);
        assertThat(real.dueOffsetNanos(T0.minusSeconds(5))).isZero();
    }
}
