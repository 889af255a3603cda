package io.tickpipe.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    @Test
    void defaults() {
        AnalyticsConfig config = AnalyticsConfig.defaults();
        assertThat(config.intervals()).extracting(BarInterval::label).containsExactly("1s", "1m");
        assertThat(config.watermark()).isEqualTo("5 seconds");
        assertThat(config.smaPeriod()).isEqualTo(20);
        assertThat(config.emaPeriod()).isEqualTo(20);
        assertThat(config.rsiPeriod()).isEqualTo(14);
        assertThat(config.bollingerPeriod()).isEqualTo(20);
        assertThat(config.bollingerWidth()).isEqualTo(2.0);
        assertThat(List.of(config.macdFast(), config.macdSlow(), config.macdSignal())).containsExactly(12, 26, 9);
        assertThat(config.atrPeriod()).isEqualTo(14);
        assertThat(config.sessionZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(config.sessionOpen()).isEqualTo(LocalTime.of(9, 30));
        assertThat(config.anomalyWindow()).isEqualTo(30);
        assertThat(config.anomalyThreshold()).isEqualTo(4.0);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        AnalyticsConfig changed = AnalyticsConfig.defaults().toBuilder().intervals("5m", "1h").rsiPeriod(7)
                .bollingerPeriod(10).bollingerWidth(2.5).macd(5, 35, 5).atrPeriod(20).build();
        AnalyticsConfig config = changed.toBuilder().build();
        assertThat(config.intervals()).extracting(BarInterval::label).containsExactly("5m", "1h");
        assertThat(config.rsiPeriod()).isEqualTo(7);
        assertThat(List.of(config.bollingerPeriod(), config.macdFast(), config.macdSlow(), config.macdSignal(), config.atrPeriod()))
                .containsExactly(10, 5, 35, 5, 20);
        assertThat(config.bollingerWidth()).isEqualTo(2.5);
        assertThat(config.smaPeriod()).isEqualTo(20);
        assertThat(AnalyticsConfig.defaults().rsiPeriod()).isEqualTo(14);
    }

    @Test
    void acceptsSparkDelayStrings() {
        for (String delay : new String[] {"5 seconds", "1 minute", "10 MINUTES", "interval 2 seconds", "1 minute 30 seconds", "0 seconds"}) {
            assertThat(AnalyticsConfig.builder().watermark(delay).build().watermark()).isEqualTo(delay);
        }
    }

    @Test
    void rejectsBadValuesNamingTheSetting() {
        assertRejected(b -> b.intervals(), "intervals");
        assertRejected(b -> b.intervals("1m", "60s"), "intervals: 60s is given twice");
        assertRejected(b -> b.watermark("5s"), "watermark '5s'");
        assertRejected(b -> b.smaPeriod(0), "smaPeriod");
        assertRejected(b -> b.emaPeriod(-1), "emaPeriod");
        assertRejected(b -> b.rsiPeriod(0), "rsiPeriod");
        assertRejected(b -> b.bollingerPeriod(0), "bollingerPeriod");
        assertRejected(b -> b.bollingerWidth(0), "bollingerWidth");
        assertRejected(b -> b.bollingerWidth(Double.POSITIVE_INFINITY), "bollingerWidth");
        assertRejected(b -> b.macd(0, 26, 9), "macdFast");
        assertRejected(b -> b.macd(12, 26, 0), "macdSignal");
        assertRejected(b -> b.macd(26, 12, 9), "macdSlow (12) must be greater than macdFast (26)");
        assertRejected(b -> b.atrPeriod(0), "atrPeriod");
        assertRejected(b -> b.anomalyWindow(1), "anomalyWindow");
        assertRejected(b -> b.anomalyThreshold(Double.NaN), "anomalyThreshold");
        assertRejected(b -> b.sessionOpen(null), "sessionOpen");
        assertThatThrownBy(() -> AnalyticsConfig.builder().sessionZone("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionZone 'Mars/Olympus'");
        assertThatThrownBy(() -> AnalyticsConfig.builder().intervals("1x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1x'");
    }

    private static void assertRejected(UnaryOperator<AnalyticsConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(AnalyticsConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
