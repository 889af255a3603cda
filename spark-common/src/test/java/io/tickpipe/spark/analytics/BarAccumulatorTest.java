package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BarAccumulatorTest {
    private static final long T0 = Micros.at("2026-01-05T14:30:00Z");
    private static final long MS = 1_000;

    @Test
    void ohlcvAndVwapOfOutOfOrderTradesWithTiesBrokenBySequence() {
        BarAccumulator bar = new BarAccumulator();
        bar.add(10.0, 100, T0 + 500 * MS, 3);
        bar.add(10.5, 200, T0 + 100 * MS, 1);
        bar.add(9.8, 100, T0 + 900 * MS, 5);
        bar.add(10.2, 50, T0 + 100 * MS, 0); // same time as seq 1, lower sequence: the open
        bar.add(10.1, 10, T0 + 900 * MS, 4); // same time as seq 5, lower sequence: not the close

        Bar result = bar.toBar("AAPL", "1s", T0, true);

        assertThat(result.open()).isEqualTo(10.2);
        assertThat(result.high()).isEqualTo(10.5);
        assertThat(result.low()).isEqualTo(9.8);
        assertThat(result.close()).isEqualTo(9.8);
        assertThat(result.volume()).isEqualTo(460.0);
        assertThat(result.tradeCount()).isEqualTo(5);
        // (10*100 + 10.5*200 + 9.8*100 + 10.2*50 + 10.1*10) / 460
        assertThat(result.vwap()).isCloseTo(4691.0 / 460, within(1e-12));
        assertThat(result.isFinal()).isTrue();
    }

    @Test
    void aTradeExactlyOnABoundaryOpensTheNextBar() {
        SymbolState state = new SymbolState("AAPL", AnalyticsConfig.builder().intervals("1s").build());
        state.add(10, 1, T0 + 999_999, 0);
        state.add(11, 1, T0 + Micros.SECOND, 1);

        List<Bar> bars = state.drainLiveBars();

        assertThat(bars).extracting(Bar::startMicros).containsExactly(T0, T0 + Micros.SECOND);
        assertThat(bars).extracting(Bar::close).containsExactly(10.0, 11.0);
    }

    @Test
    void zeroVolumeHasNoVwap() {
        BarAccumulator bar = new BarAccumulator();
        bar.add(10, 0, T0, 0);
        assertThat(bar.toBar("AAPL", "1s", T0, false).vwap()).isNull();
    }

    @Test
    void theSameTradesInAnyOrderGiveBitIdenticalBars() {
        List<TestTrade> trades = TestTrade.stream(7, List.of("AAPL"), T0, 500, 1000, 0);
        Bar reference = accumulate(trades);
        Random random = new Random(11);
        boolean naiveSumDiffered = false;
        for (int round = 0; round < 20; round++) {
            List<TestTrade> shuffled = new ArrayList<>(trades);
            Collections.shuffle(shuffled, random);
            assertThat(accumulate(shuffled)).isEqualTo(reference);
            naiveSumDiffered |= naiveNotional(shuffled) != naiveNotional(trades);
        }
        // Proves the data can tell the difference: summing doubles in these orders does not agree.
        assertThat(naiveSumDiffered).isTrue();
    }

    private static Bar accumulate(List<TestTrade> trades) {
        BarAccumulator bar = new BarAccumulator();
        trades.forEach(t -> bar.add(t.price(), t.size(), t.micros(), t.sequence()));
        return bar.toBar("AAPL", "1s", T0, true);
    }

    private static double naiveNotional(List<TestTrade> trades) {
        double sum = 0;
        for (TestTrade t : trades) {
            sum += t.price() * t.size();
        }
        return sum;
    }
}
