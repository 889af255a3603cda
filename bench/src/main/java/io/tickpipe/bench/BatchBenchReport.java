package io.tickpipe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@link BatchBench}'s results: per source, the counted runs of each side, their medians, the ratio
 * ours / baseline against the target, and each side's peak RSS, as a Markdown table whose rows can
 * be quoted in the docs as they are.
 */
final class BatchBenchReport {

    /** One run of one side: its own timing, the trades it read, its JVM's peak RSS. */
    record Run(double seconds, long trades, long peakRssKb) {
        double tradesPerSecond() {
            return trades / seconds;
        }
    }

    /** The counted runs of both sides over one source, in the order they ran. */
    record Result(String source, List<Run> ours, List<Run> baseline) {
        Result {
            if (ours.isEmpty() || baseline.isEmpty()) {
                throw new IllegalArgumentException(source + ": no counted run of " + (ours.isEmpty() ? "ours" : "the baseline"));
            }
            ours = List.copyOf(ours);
            baseline = List.copyOf(baseline);
        }

        double oursMedian() {
            return median(ours, Run::tradesPerSecond);
        }

        double baselineMedian() {
            return median(baseline, Run::tradesPerSecond);
        }

        double ratio() {
            return oursMedian() / baselineMedian();
        }

        /** The highest peak RSS of the side's counted runs, in MB. */
        static long peakRssMb(List<Run> runs) {
            return runs.stream().mapToLong(Run::peakRssKb).max().orElseThrow() / 1024;
        }
    }

    private BatchBenchReport() {
    }

    /** The table: a header, then a row per source. */
    static List<String> table(List<Result> results, double target) {
        List<String> lines = new ArrayList<>();
        lines.add("| source | ours trades/s | baseline trades/s | ratio | target | met? | peak RSS ours / baseline |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            double ratio = r.ratio();
            lines.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3fx | >= %.1fx | %s | %,d / %,d MB |", r.source(),
                    r.oursMedian(), r.baselineMedian(), ratio, target, ratio >= target ? "met" : "NOT met",
                    Result.peakRssMb(r.ours()), Result.peakRssMb(r.baseline())));
        }
        return lines;
    }

    /** Each run's trades/s, in run order, for the lines under the table. */
    static String rates(List<Run> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.tradesPerSecond())).toList().toString();
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return SideBySide.median(runs.stream().map(value::applyAsDouble).toList());
    }
}
