package io.tickpipe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures a candidate benchmark against its baseline in one run, alternating rounds (candidate,
 * baseline, candidate, ...) so that drift on a noisy machine hits both alike, and reports medians of
 * the measurement iterations and their ratio.
 */
public final class SideBySide {
    private static final int ROUNDS = 5;

    public record Outcome(double candidateMedian, double baselineMedian) {
        public double ratio() {
            return candidateMedian / baselineMedian;
        }
    }

    private SideBySide() {
    }

    public static Outcome compare(Class<?> benchmark, String candidate, String baseline, String unit, double target,
                                  String... jvmArgs) throws RunnerException {
        List<Double> candidateScores = new ArrayList<>();
        List<Double> baselineScores = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            candidateScores.addAll(iterations(benchmark, candidate, jvmArgs));
            baselineScores.addAll(iterations(benchmark, baseline, jvmArgs));
        }
        Outcome outcome = new Outcome(median(candidateScores), median(baselineScores));
        System.out.println();
        System.out.println("== " + benchmark.getSimpleName() + ": " + ROUNDS + " alternating rounds, median of "
                + candidateScores.size() + " measurement iterations each ==");
        System.out.printf(Locale.ROOT, "%-22s %14.0f %s  (iterations %s)%n", candidate, outcome.candidateMedian(), unit,
                format(candidateScores));
        System.out.printf(Locale.ROOT, "%-22s %14.0f %s  (iterations %s)%n", baseline, outcome.baselineMedian(), unit,
                format(baselineScores));
        System.out.printf(Locale.ROOT, "ratio %s / %s = %.3f  (target >= %.2f: %s)%n", candidate, baseline,
                outcome.ratio(), target, outcome.ratio() >= target ? "met" : "NOT met");
        return outcome;
    }

    private static List<Double> iterations(Class<?> benchmark, String method, String... jvmArgs) throws RunnerException {
        var options = new OptionsBuilder()
                .include(benchmark.getName() + "." + method + "$")
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(4).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .build();
        List<Double> scores = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            for (var benchmarkResult : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmarkResult.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
        }
        if (scores.isEmpty()) {
            throw new IllegalStateException("JMH produced no results for " + method);
        }
        return scores;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String format(List<Double> scores) {
        return scores.stream().map(s -> String.format(Locale.ROOT, "%.0f", s)).toList().toString();
    }
}
