package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfIntervalDelayTest {

    // An instant on a whole second, as Spark starts a 1 s trigger's batches.
    private static final long SECOND = 1_795_500_000_000L;

    @ParameterizedTest
    @CsvSource({
        "0,    500",   // started with the analytics batch: waits half the interval
        "1,    499",
        "320,  180",
        "499,  1",
        "500,  0",     // the second half: no wait
        "999,  0",
    })
    void waitsForTheSecondHalfOfAOneSecondInterval(long intoTheSecond, long delay) {
        assertThat(new HalfIntervalDelay(1000).delayMs(SECOND + intoTheSecond)).isEqualTo(delay);
    }

    @Test
    void theHalfIsOfTheConfiguredInterval() {
        HalfIntervalDelay fiveSeconds = new HalfIntervalDelay(5000);
        assertThat(fiveSeconds.delayMs(SECOND)).isEqualTo(2500);
        assertThat(fiveSeconds.delayMs(SECOND + 1000)).isEqualTo(1500);
        assertThat(fiveSeconds.delayMs(SECOND + 3000)).isZero();
    }

    @Test
    void aZeroIntervalNeverWaits() {
        assertThat(new HalfIntervalDelay(0).delayMs(SECOND)).isZero();
        assertThat(new HalfIntervalDelay(0).delayMs(SECOND + 123)).isZero();
    }

    @Test
    void onlyALocalMasterWaits() {
        assertThat(HalfIntervalDelay.of(1000, true).delayMs(SECOND)).isEqualTo(500);
        assertThat(HalfIntervalDelay.of(1000, true).delayMs(SECOND + 320)).isEqualTo(180);
        // A cluster: the driver does not share its cores with the executors' tasks.
        assertThat(HalfIntervalDelay.of(1000, false).delayMs(SECOND)).isZero();
        assertThat(HalfIntervalDelay.of(1000, false).delayMs(SECOND + 320)).isZero();
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new HalfIntervalDelay(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> HalfIntervalDelay.of(-1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 ms");
    }
}
