package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelScorerTest {
    private static final double[][] CENTRES = {{0, 0, 0, 0}, {1, 1, 1, 1}};
    /** So low that every scored bar comes back as an anomaly, with its score. */
    private static final double ANY = 1e-12;

    private static List<Bar> bars(String symbol, int count, long seed) {
        Random random = new Random(seed);
        List<Bar> bars = new ArrayList<>();
        double close = 100;
        for (int i = 0; i < count; i++) {
            double open = close;
            close = close * Math.exp(random.nextGaussian() * 0.01);
            double high = Math.max(open, close) + random.nextDouble();
            double low = Math.min(open, close) - random.nextDouble();
            bars.add(new Bar(symbol, "1m", i * 60_000_000L, open, high, low, close, 100 + random.nextInt(1000),
                    (long) (1 + random.nextInt(40)), close, true));
        }
        return bars;
    }

    /** The features and the score written out again, independently of {@link BarFeatures} and {@link AnomalyModel}. */
    private static double[] features(Bar bar, Bar previous) {
        return new double[] {Math.log(bar.close() / previous.close()), Math.log(1 + bar.volume()),
            (bar.high() - bar.low()) / bar.close(), bar.tradeCount()};
    }

    private static double expectedScore(double[] features, double[] mean, double[] deviation) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] centre : CENTRES) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double z = (features[i] - mean[i]) / deviation[i];
                sum += (z - centre[i]) * (z - centre[i]);
            }
            best = Math.min(best, Math.sqrt(sum));
        }
        return best;
    }

    @Test
    void aTrainedSymbolIsScoredFromItsSecondBarWithItsTrainingStandardization() {
        double[] mean = {0.001, 6.0, 0.02, 20};
        double[] deviation = {0.01, 0.8, 0.01, 10};
        AnomalyModel model = new AnomalyModel("1m", CENTRES, ANY, Map.of("AAA", new Standardization(mean, deviation)), 5);
        ModelScorer scorer = model.scorer("AAA");
        List<Bar> bars = bars("AAA", 50, 1);
        assertThat(scorer.onFinalBar(bars.get(0))).as("no previous close, no log return").isNull();
        for (int i = 1; i < bars.size(); i++) {
            Anomaly anomaly = scorer.onFinalBar(bars.get(i));
            double[] f = features(bars.get(i), bars.get(i - 1));
            assertThat(anomaly.kind()).isEqualTo(AnomalyKind.MODEL);
            assertThat(anomaly.startMicros()).isEqualTo(bars.get(i).startMicros());
            assertThat(anomaly.value()).isCloseTo(f[0], within(1e-15));
            assertThat(anomaly.score()).isCloseTo(expectedScore(f, mean, deviation), within(1e-9));
        }
    }

    @Test
    void onlyBarsScoringAtLeastTheThresholdAreAnomaliesAndBarsWithoutTradeCountsAreNotScored() {
        double[] mean = {0, 6.0, 0.02, 20};
        double[] deviation = {0.01, 0.8, 0.01, 10};
        double threshold = 2.5;
        AnomalyModel model = new AnomalyModel("1m", CENTRES, threshold, Map.of("AAA", new Standardization(mean, deviation)), 5);
        ModelScorer scorer = model.scorer("AAA");
        List<Bar> bars = bars("AAA", 300, 2);
        int flagged = 0;
        int expected = 0;
        scorer.onFinalBar(bars.get(0));
        for (int i = 1; i < bars.size(); i++) {
            double score = expectedScore(features(bars.get(i), bars.get(i - 1)), mean, deviation);
            Anomaly anomaly = scorer.onFinalBar(bars.get(i));
            assertThat(anomaly != null).as("bar %d, score %f", i, score).isEqualTo(score >= threshold);
            flagged += anomaly != null ? 1 : 0;
            expected += score >= threshold ? 1 : 0;
        }
        assertThat(flagged).isEqualTo(expected).isPositive().isLessThan(bars.size() - 1);

        Bar noCount = new Bar("AAA", "1m", 999 * 60_000_000L, 1, 500, 0.5, 400, 1, null, null, true);
        assertThat(scorer.onFinalBar(noCount)).as("a bar of a bar file has no trade count").isNull();
    }

    @Test
    void aSymbolTheModelDoesNotKnowStandardizesItselfByItsFirstBarsAndScoresOnlyAfterThem() {
        int warmup = 20;
        AnomalyModel model = new AnomalyModel("1m", CENTRES, ANY,
                Map.of("AAA", new Standardization(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1})), warmup);
        ModelScorer scorer = model.scorer("NEW");
        List<Bar> bars = bars("NEW", 80, 3);
        // The first bar has no features; the next `warmup` bars are collected, not scored.
        for (int i = 0; i <= warmup; i++) {
            assertThat(scorer.onFinalBar(bars.get(i))).as("warm-up bar %d", i).isNull();
        }
        double[] mean = new double[4];
        double[] deviation = new double[4];
        for (int i = 1; i <= warmup; i++) {
            double[] f = features(bars.get(i), bars.get(i - 1));
            for (int j = 0; j < 4; j++) {
                mean[j] += f[j] / warmup;
            }
        }
        for (int i = 1; i <= warmup; i++) {
            double[] f = features(bars.get(i), bars.get(i - 1));
            for (int j = 0; j < 4; j++) {
                deviation[j] += (f[j] - mean[j]) * (f[j] - mean[j]) / warmup;
            }
        }
        for (int j = 0; j < 4; j++) {
            deviation[j] = Math.sqrt(deviation[j]);
        }
        for (int i = warmup + 1; i < bars.size(); i++) {
            Anomaly anomaly = scorer.onFinalBar(bars.get(i));
            assertThat(anomaly).as("bar %d after the warm-up", i).isNotNull();
            assertThat(anomaly.score()).isCloseTo(expectedScore(features(bars.get(i), bars.get(i - 1)), mean, deviation),
                    within(1e-9));
        }
    }

    @Test
    void aFeatureThatNeverVariedIsCentredNotScaled() {
        Standardization s = Standardization.of(List.of(new double[] {1, 5}, new double[] {3, 5}));
        assertThat(s.mean()).containsExactly(2, 5);
        assertThat(s.deviation()).containsExactly(1, 0);
        assertThat(s.apply(new double[] {4, 7})).containsExactly(2, 2);
    }

    @Test
    void theModelScoresOnlyTheFinalBarsOfItsIntervalInTheAnalyticsState() {
        AnomalyModel model = new AnomalyModel("1m", CENTRES, ANY,
                Map.of("AAA", new Standardization(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1})), 5);
        AnalyticsConfig config = AnalyticsConfig.builder().intervals("1s", "1m").anomalyModel(model).build();
        SymbolState state = new SymbolState("AAA", config);
        for (int i = 0; i < 600; i++) {
            state.add(100 + (i % 7), 10, i * 1_000_000L, i);
        }
        List<AnalyticsEvent> events = state.closeAll();
        List<Anomaly> modelAnomalies = events.stream().filter(e -> e instanceof Anomaly a && a.kind() == AnomalyKind.MODEL)
                .map(Anomaly.class::cast).toList();
        long minuteBars = events.stream().filter(e -> e instanceof Bar b && b.interval().equals("1m")).count();
        assertThat(minuteBars).isEqualTo(10);
        assertThat(modelAnomalies).hasSize(9).allMatch(a -> a.interval().equals("1m"));
    }

    @Test
    void stateRestoredWithoutTheModelScoresWithTheModelItIsGivenAndStopsWhenItIsTakenAway() {
        AnomalyModel model = new AnomalyModel("1m", CENTRES, ANY,
                Map.of("AAA", new Standardization(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1})), 5);
        // As a checkpoint written by a job without --anomaly-model holds it.
        SymbolState state = new SymbolState("AAA", AnalyticsConfig.builder().intervals("1m").build());
        for (int i = 0; i < 180; i++) {
            state.add(100 + (i % 7), 10, i * 1_000_000L, i);
        }
        assertThat(modelAnomalies(state.closeThrough(120_000_000L))).isEmpty();
        state.useModel(model);
        for (int i = 180; i < 300; i++) {
            state.add(100 + (i % 5), 10, i * 1_000_000L, i);
        }
        // Bars 2, 3 and 4 become final: the first with the model has no previous close of its own.
        assertThat(modelAnomalies(state.closeThrough(300_000_000L))).extracting(Anomaly::startMicros)
                .containsExactly(180_000_000L, 240_000_000L);
        state.useModel(null);
        for (int i = 300; i < 420; i++) {
            state.add(100 + (i % 3), 10, i * 1_000_000L, i);
        }
        assertThat(modelAnomalies(state.closeAll())).isEmpty();
    }

    private static List<Anomaly> modelAnomalies(List<AnalyticsEvent> events) {
        return events.stream().filter(e -> e instanceof Anomaly a && a.kind() == AnomalyKind.MODEL).map(Anomaly.class::cast).toList();
    }

    @Test
    void aModelOfAnIntervalTheAnalyticsDoNotMakeIsRefused() {
        AnomalyModel model = new AnomalyModel("5m", CENTRES, 1, Map.of(), 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnalyticsConfig.builder().intervals("1s", "1m")
                        .anomalyModel(model).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the anomaly model scores 5m bars, but the intervals 1s,1m do not make them: add 5m to"
                        + " --intervals or use a model trained at one of them");
    }
}
