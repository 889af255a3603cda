package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBenchReportTest {

    private static BatchBenchReport.Run run(double seconds, long trades, long peakRssKb) {
        return new BatchBenchReport.Run(seconds, trades, peakRssKb);
    }

    @Test
    void rowHoldsMediansOfTradesPerSecondTheirRatioAndTheHighestPeakRssOfEachSide() {
        // ours: 1,000,000 trades in 4, 5 and 2 s = 250,000, 200,000, 500,000 trades/s: median 250,000.
        // baseline: in 4 s and 2 s = 250,000 and 500,000: median of two = 375,000.
        BatchBenchReport.Result kafka = new BatchBenchReport.Result("kafka",
                List.of(run(4, 1_000_000, 900 * 1024), run(5, 1_000_000, 1_100 * 1024 + 1023), run(2, 1_000_000, 1_000 * 1024)),
                List.of(run(4, 1_000_000, 600 * 1024), run(2, 1_000_000, 650 * 1024)));

        assertThat(kafka.oursMedian()).isEqualTo(250_000.0);
        assertThat(kafka.baselineMedian()).isEqualTo(375_000.0);
        assertThat(kafka.ratio()).isEqualTo(250_000.0 / 375_000.0);
        assertThat(BatchBenchReport.table(List.of(kafka), 0.8)).containsExactly(
                "| source | ours trades/s | baseline trades/s | ratio | target | met? | peak RSS ours / baseline |",
                "|---|---|---|---|---|---|---|",
                "| kafka | 250,000 | 375,000 | 0.667x | >= 0.8x | NOT met | 1,100 / 650 MB |");
        assertThat(BatchBenchReport.rates(kafka.ours())).isEqualTo("[250,000, 200,000, 500,000]");
    }

    @Test
    void aRatioAtTheTargetMeetsItAndARowPerSourceInOrder() {
        BatchBenchReport.Result atTarget = new BatchBenchReport.Result("kafka", List.of(run(10, 800, 2048)),
                List.of(run(10, 1_000, 1024)));
        BatchBenchReport.Result faster = new BatchBenchReport.Result("archive", List.of(run(1, 3_000, 1024)),
                List.of(run(2, 3_000, 1024)));

        List<String> table = BatchBenchReport.table(List.of(atTarget, faster), 0.8);

        assertThat(table).hasSize(4);
        assertThat(table.get(2)).isEqualTo("| kafka | 80 | 100 | 0.800x | >= 0.8x | met | 2 / 1 MB |");
        assertThat(table.get(3)).isEqualTo("| archive | 3,000 | 1,500 | 2.000x | >= 0.8x | met | 1 / 1 MB |");
    }

    @Test
    void aSideWithoutCountedRunsIsAnError() {
        assertThatThrownBy(() -> new BatchBenchReport.Result("archive", List.of(), List.of(run(1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("archive: no counted run of ours");
        assertThatThrownBy(() -> new BatchBenchReport.Result("kafka", List.of(run(1, 1, 1)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("kafka: no counted run of the baseline");
    }
}
