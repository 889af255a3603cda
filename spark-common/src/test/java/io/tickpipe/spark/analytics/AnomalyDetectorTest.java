package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final long T0 = Micros.at("2026-01-05T14:30:00Z");
    private static final int WINDOW = 30;
    private static final double THRESHOLD = 4.0;

    /** Bars whose closes and volumes wander within bounded noise: nothing in them is unusual. */
    private static final class CalmBars {
        private final Random random = new Random(3);
        private int index;

        Bar next() {
            return bar(100 * (1 + 0.001 * uniform()), 1000 * (1 + 0.3 * uniform()));
        }

        Bar bar(double close, double volume) {
            long start = T0 + 60 * Micros.SECOND * index++;
            return new Bar("AAPL", "1m", start, close, close, close, close, volume, 10L, close, true);
        }

        private double uniform() {
            return 2 * random.nextDouble() - 1;
        }
    }

    @Test
    void aCalmSeriesFlagsNothing() {
        AnomalyDetector detector = new AnomalyDetector(WINDOW, THRESHOLD);
        CalmBars calm = new CalmBars();
        List<Anomaly> found = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            found.addAll(detector.onFinalBar(calm.next()));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void aPriceAndVolumeSpikeIsFlaggedOfBothKinds() {
        AnomalyDetector detector = new AnomalyDetector(WINDOW, THRESHOLD);
        CalmBars calm = new CalmBars();
        for (int i = 0; i < 100; i++) {
            detector.onFinalBar(calm.next());
        }
        Bar spike = calm.bar(105, 20_000);

        List<Anomaly> found = detector.onFinalBar(spike);

        assertThat(found).extracting(Anomaly::kind).containsExactlyInAnyOrder(AnomalyKind.RETURN, AnomalyKind.VOLUME);
        assertThat(found).allSatisfy(a -> {
            assertThat(a.score()).isGreaterThan(THRESHOLD);
            assertThat(a.startMicros()).isEqualTo(spike.startMicros());
            assertThat(a.close()).isEqualTo(105.0);
            assertThat(a.volume()).isEqualTo(20_000.0);
        });
        Anomaly volume = found.stream().filter(a -> a.kind() == AnomalyKind.VOLUME).findFirst().orElseThrow();
        assertThat(volume.value()).isEqualTo(Math.log(20_000));
    }

    @Test
    void oneOutlierDoesNotBlindTheDetectorToTheNext() {
        AnomalyDetector detector = new AnomalyDetector(WINDOW, THRESHOLD);
        CalmBars calm = new CalmBars();
        for (int i = 0; i < 100; i++) {
            detector.onFinalBar(calm.next());
        }
        detector.onFinalBar(calm.bar(100, 50_000));
        for (int i = 0; i < 3; i++) {
            detector.onFinalBar(calm.next());
        }

        // Without winsorising, the first spike would have inflated the deviation about 20-fold.
        assertThat(detector.onFinalBar(calm.bar(100, 10_000)))
                .extracting(Anomaly::kind).containsExactly(AnomalyKind.VOLUME);
    }

    @Test
    void nothingIsFlaggedDuringWarmUp() {
        AnomalyDetector detector = new AnomalyDetector(WINDOW, THRESHOLD);
        CalmBars calm = new CalmBars();
        for (int i = 0; i < 10; i++) {
            detector.onFinalBar(calm.next());
        }
        assertThat(detector.onFinalBar(calm.bar(150, 100_000))).isEmpty();
    }
}
