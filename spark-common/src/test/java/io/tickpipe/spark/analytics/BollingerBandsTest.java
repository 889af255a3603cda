package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.StockChartsExamples.BOLLINGER;
import static io.tickpipe.spark.analytics.StockChartsExamples.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BollingerBandsTest {

    /** StockCharts' Bollinger Bands (20, 2) spreadsheet, every printed digit (see {@link StockChartsExamples}). */
    @Test
    void matchesStockChartsExample() {
        BollingerBands bollinger = new BollingerBands(20, 2);
        List<BollingerBands.Bands> bands = new ArrayList<>();
        for (String[] row : BOLLINGER) {
            bands.add(bollinger.add(Double.parseDouble(row[0])));
        }

        assertThat(bands.subList(0, 19)).containsOnlyNulls();
        for (int i = 19; i < BOLLINGER.length; i++) {
            BollingerBands.Bands b = bands.get(i);
            String[] row = BOLLINGER[i];
            double deviation = (b.upper() - b.lower()) / 4;
            assertThat(List.of(printed(b.middle(), 6), printed(deviation, 6), printed(b.upper(), 6),
                    printed(b.lower(), 6), printed(b.bandwidth() * 100, 6), printed(b.percentB(), 6)))
                    .as("day %d, close %s", i + 1, row[0])
                    .containsExactly(row[1], row[2], row[3], row[4], row[5], row[6]);
        }
    }

    @Test
    void percentBIsTheClosesPlaceInTheBandsAndBandwidthTheirWidthOverTheMiddle() {
        BollingerBands bollinger = new BollingerBands(2, 1);
        bollinger.add(9);
        // Mean 10, population deviation 1: bands 9 and 11, the close 11 on the upper band.
        BollingerBands.Bands bands = bollinger.add(11);
        assertThat(bands).isEqualTo(new BollingerBands.Bands(10, 11, 9, 1.0, 0.2));
        // Mean 12, deviation 1 again: the close 13 is the upper band; a wider band puts it inside.
        assertThat(bollinger.add(13).percentB()).isEqualTo(1.0);
        BollingerBands wide = new BollingerBands(2, 2);
        wide.add(11);
        assertThat(wide.add(13)).isEqualTo(new BollingerBands.Bands(12, 14, 10, 0.75, 4.0 / 12));
    }

    @Test
    void aFlatWindowHasZeroBandwidthAndNoPercentB() {
        // 0.1 is not exact in binary: twenty of them do not sum to exactly 2.
        BollingerBands bollinger = new BollingerBands(20, 2);
        BollingerBands.Bands bands = null;
        for (int i = 0; i < 25; i++) {
            bands = bollinger.add(0.1);
        }
        assertThat(bands).isEqualTo(new BollingerBands.Bands(0.1, 0.1, 0.1, null, 0.0));
        // The first close that differs gives the bands width again.
        BollingerBands.Bands moved = bollinger.add(0.2);
        assertThat(moved.upper()).isGreaterThan(moved.lower());
        assertThat(moved.percentB()).isNotNull().isNotNaN().isGreaterThan(1.0);
    }

    @Test
    void oneBarIsWarmUpUnlessThePeriodIsOne() {
        assertThat(new BollingerBands(20, 2).add(187.25)).isNull();
        assertThat(new BollingerBands(1, 2).add(187.25)).isEqualTo(new BollingerBands.Bands(187.25, 187.25, 187.25, null, 0.0));
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> new BollingerBands(0, 2)).hasMessageContaining("Bollinger period");
        assertThatThrownBy(() -> new BollingerBands(20, 0)).hasMessageContaining("Bollinger width");
        assertThatThrownBy(() -> new BollingerBands(20, Double.NaN)).hasMessageContaining("Bollinger width");
    }
}
