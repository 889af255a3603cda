package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.tickpipe.batch.model.DetectionScores;
import io.tickpipe.batch.model.JumpLabels;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.AnomalyKind;
import io.tickpipe.spark.analytics.BarInterval;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code analyze --labels FILE}: the analysis' anomalies of its finest interval against a simulation's
 * injected jumps, each kind's precision and recall printed beside the precision of chance.
 */
final class LabelledEvaluation {
    private LabelledEvaluation() {
    }

    static DetectionScores.Result print(PrintStream out, String labelsFile, Dataset<Row> bars, Dataset<Row> anomalies,
                                        AnalyticsConfig analytics) {
        List<JumpLabels.Jump> labelled = JumpLabels.read(Path.of(labelsFile));
        BarInterval finest = analytics.intervals().stream().filter(i -> !i.isCalendarDays())
                .min((a, b) -> Long.compare(a.micros(), b.micros()))
                .orElseThrow(() -> new IllegalArgumentException("--labels: jumps are scored on bars shorter than a day"));
        Dataset<Row> finestBars = bars.where(col("interval").equalTo(finest.label()));
        Row range = finestBars.agg(count(lit(1)), min("time"), max("time")).first();
        long barCount = range.getLong(0);
        // Only the jumps in the analysed range count: an analysis of part of a run (--from, --to) must
        // not miss the jumps it never saw.
        List<JumpLabels.Jump> jumps = barCount == 0 ? List.of() : labelled.stream()
                .filter(j -> !j.eventTime().isBefore(range.getTimestamp(1).toInstant())
                        && j.eventTime().isBefore(range.getTimestamp(2).toInstant().plus(finest.micros(), ChronoUnit.MICROS)))
                .toList();
        List<DetectionScores.Flag> flags = anomalies.where(col("interval").equalTo(finest.label()))
                .select("symbol", "kind", "time").collectAsList().stream()
                .map(r -> new DetectionScores.Flag(r.getString(0), r.getString(1), r.getTimestamp(2).toInstant()))
                .toList();
        List<String> kinds = Arrays.stream(AnomalyKind.values())
                .filter(k -> k != AnomalyKind.MODEL || analytics.anomalyModel() != null)
                .map(AnomalyKind::label).toList();
        DetectionScores.Result result = DetectionScores.score(jumps, flags, finest, barCount, kinds);
        out.printf(Locale.ROOT, "anomalies against %d labelled jumps in the analysed range (of %d in %s), %s bars: %d bars,"
                        + " %d with a jump; chance precision %.4f%n", jumps.size(), labelled.size(), labelsFile, finest.label(),
                result.bars(), result.jumpBars(), result.chance());
        out.printf(Locale.ROOT, "  %-8s %8s %8s %10s %8s%n", "kind", "flagged", "true", "precision", "recall");
        for (DetectionScores.Score s : result.scores()) {
            out.printf(Locale.ROOT, "  %-8s %8d %8d %10.3f %8.3f%n", s.kind(), s.flagged(), s.truePositives(), s.precision(),
                    s.recall());
        }
        return result;
    }
}
