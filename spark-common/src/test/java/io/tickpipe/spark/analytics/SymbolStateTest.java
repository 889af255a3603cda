package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolStateTest {
    private static final long T0 = Micros.at("2026-01-05T14:30:00Z");
    private static final long DELAY = 2 * Micros.SECOND;
    private static final AnalyticsConfig CONFIG = AnalyticsConfig.builder()
            .intervals("1s", "5s").smaPeriod(3).emaPeriod(3).rsiPeriod(3).anomalyWindow(5).build();

    @Test
    void liveBarsThenFinalBarsWithIndicatorsOnceTheWatermarkPassesTheirEnd() {
        SymbolState state = new SymbolState("AAPL", AnalyticsConfig.builder().intervals("1s").build());
        state.add(10, 1, T0 + 200_000, 0);
        state.add(11, 1, T0 + 700_000, 1);

        assertThat(state.closeThrough(T0 + 999_999)).isEmpty();
        assertThat(state.drainLiveBars()).singleElement()
                .satisfies(bar -> assertThat(bar.isFinal()).isFalse());
        assertThat(state.drainLiveBars()).as("nothing touched since").isEmpty();
        assertThat(state.earliestOpenBarEnd()).hasValue(T0 + Micros.SECOND);

        List<AnalyticsEvent> closed = state.closeThrough(T0 + Micros.SECOND);
        assertThat(closed).hasSize(2);
        assertThat(closed.get(0)).isInstanceOfSatisfying(Bar.class, bar -> {
            assertThat(bar.isFinal()).isTrue();
            assertThat(bar.close()).isEqualTo(11.0);
        });
        assertThat(closed.get(1)).isInstanceOfSatisfying(IndicatorValues.class,
                i -> assertThat(i.sessionVwap()).isEqualTo(10.5));
        assertThat(state.earliestOpenBarEnd()).isEmpty();
    }

    @Test
    void aFinalBarRefusesLaterTrades() {
        SymbolState state = new SymbolState("AAPL", AnalyticsConfig.builder().intervals("1s", "1m").build());
        state.add(10, 1, T0, 0);
        state.closeThrough(T0 + Micros.SECOND);

        assertThat(state.add(12, 1, T0 + 500_000, 1)).as("the 1m bar is still open").isTrue();
        List<AnalyticsEvent> all = state.closeAll();
        assertThat(all).filteredOn(e -> e instanceof Bar).extracting(AnalyticsEvent::interval)
                .containsExactly("1m");
        assertThat(state.add(13, 1, T0 + 600_000, 2)).isFalse();
        assertThat(state.drainLateTrades()).as("both trades are missing from a final bar")
                .isEqualTo(new SymbolState.LateTrades(2, 2));
        assertThat(state.drainLateTrades().count()).isZero();
    }

    @Test
    void unusableTradesAreRefused() {
        SymbolState state = new SymbolState("AAPL", CONFIG);
        assertThat(state.add(Double.NaN, 1, T0, 0)).isFalse();
        assertThat(state.add(0, 1, T0, 0)).isFalse();
        assertThat(state.add(10, -1, T0, 0)).isFalse();
        assertThat(state.add(10, Double.POSITIVE_INFINITY, T0, 0)).isFalse();
        assertThat(state.drainLiveBars()).isEmpty();
    }

    @Test
    void finalEventsDoNotDependOnHowTheInputWasSplitOrOnSerialization() throws Exception {
        List<TestTrade> trades = TestTrade.stream(5, List.of("AAPL"), T0, 3000, 100, DELAY / 2);
        List<AnalyticsEvent> whole = run(trades, trades.size(), false);

        // 30 seconds of trades, the earliest jittered back into the second (and 5 s bar) before T0.
        assertThat(whole).filteredOn(e -> e instanceof Bar).hasSize(31 + 7);
        assertThat(whole).filteredOn(e -> e instanceof IndicatorValues i && i.rsi() != null).isNotEmpty();
        for (int chunk : new int[] {1, 7, 250, 1001}) {
            assertThat(run(trades, chunk, true)).as("chunks of %d", chunk).containsExactlyInAnyOrderElementsOf(whole);
        }
    }

    /**
     * Minutes without trades have no bar: the indicators run over the bars there are, each after the
     * one before it, whatever the time between them; ATR's true range reaches back to the close before
     * the gap.
     */
    @Test
    void indicatorsRunOverTheBarsThereAreAcrossMinutesWithoutTrades() {
        AnalyticsConfig config = AnalyticsConfig.builder().intervals("1m").bollingerPeriod(3).macd(2, 3, 2).atrPeriod(2).build();
        SymbolState state = new SymbolState("AAPL", config);
        double[][] minutes = {{0, 10, 11}, {1, 11, 10.5}, {5, 14, 14.5}, {6, 14.5, 14}, {30, 9, 9.5}, {31, 9.5, 9.75}};
        long sequence = 0;
        for (double[] m : minutes) {
            state.add(m[1], 1, T0 + (long) m[0] * 60 * Micros.SECOND, sequence++);
            state.add(m[2], 1, T0 + (long) m[0] * 60 * Micros.SECOND + 30 * Micros.SECOND, sequence++);
        }

        List<AnalyticsEvent> events = state.closeAll();

        List<Bar> bars = ReferenceAnalytics.only(events, Bar.class);
        List<IndicatorValues> indicators = ReferenceAnalytics.only(events, IndicatorValues.class);
        assertThat(bars).extracting(Bar::startMicros).containsExactly(T0, T0 + 60 * Micros.SECOND, T0 + 300 * Micros.SECOND,
                T0 + 360 * Micros.SECOND, T0 + 1800 * Micros.SECOND, T0 + 1860 * Micros.SECOND);
        BollingerBands bollinger = new BollingerBands(3, 2);
        MovingAverageConvergenceDivergence macd = new MovingAverageConvergenceDivergence(2, 3, 2);
        AverageTrueRange atr = new AverageTrueRange(2);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            assertThat(indicators.get(i).startMicros()).isEqualTo(bar.startMicros());
            assertThat(indicators.get(i).bollinger()).isEqualTo(bollinger.add(bar.close()));
            assertThat(indicators.get(i).macd()).isEqualTo(macd.add(bar.close()));
            assertThat(indicators.get(i).atr()).isEqualTo(atr.add(bar.high(), bar.low(), bar.close()));
        }
        // Minute 30 trades 9-9.5 after a close of 14 at minute 6: true range 5, not the bar's 0.5.
        assertThat(indicators.get(4).atr()).isEqualTo((indicators.get(3).atr() + 5) / 2);
        assertThat(indicators.get(5).macd().histogram()).isNotNull();
    }

    /**
     * Feeds trades in chunks, closing through "max event time seen - delay" after each as a stream
     * would, optionally round-tripping the state through Java serialization as a checkpoint does.
     */
    private static List<AnalyticsEvent> run(List<TestTrade> trades, int chunk, boolean serialize)
            throws Exception {
        SymbolState state = new SymbolState("AAPL", CONFIG);
        List<AnalyticsEvent> events = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        for (int from = 0; from < trades.size(); from += chunk) {
            for (TestTrade t : trades.subList(from, Math.min(trades.size(), from + chunk))) {
                t.addTo(state);
                maxSeen = Math.max(maxSeen, t.micros());
            }
            events.addAll(state.closeThrough(maxSeen - DELAY));
            state.drainLiveBars();
            if (serialize) {
                state = roundTrip(state);
            }
        }
        events.addAll(state.closeAll());
        return events;
    }

    private static SymbolState roundTrip(SymbolState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SymbolState) in.readObject();
        }
    }
}
