package io.tickpipe.batch.model;

import io.tickpipe.spark.analytics.BarInterval;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision and recall of each anomaly kind against labelled jumps, at one bar interval. A jump shows
 * in the bar holding its time, or in the next bar when no trade followed it within its own; so a
 * flagged bar is a true positive when a jump of its symbol lies in it or in the bar before, and a
 * jump is found when its bar or the next one is flagged. Chance is the share of bars a jump can make
 * true: a detector flagging bars at random has that precision.
 */
public final class DetectionScores {

    /** One flagged bar. */
    public record Flag(String symbol, String kind, Instant barStart) {
    }

    /** The scores of one kind. */
    public record Score(String kind, long flagged, long truePositives, long jumps, long found) {
        public double precision() {
            return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
        }

        public double recall() {
            return jumps == 0 ? Double.NaN : (double) found / jumps;
        }
    }

    /** Every kind's score, in kind order, and the precision of chance. */
    public record Result(List<Score> scores, long bars, long jumpBars, double chance) {
        public Score of(String kind) {
            return scores.stream().filter(s -> s.kind().equals(kind)).findFirst()
                    .orElse(new Score(kind, 0, 0, 0, 0));
        }
    }

    private DetectionScores() {
    }

    /**
     * Scores {@code flags} (of bars of {@code interval}, which must not be days) against {@code jumps};
     * {@code bars} is how many bars of the interval were analysed, for chance. Every kind in
     * {@code kinds} is scored, flagged or not.
     */
    public static Result score(List<JumpLabels.Jump> jumps, List<Flag> flags, BarInterval interval, long bars,
                               List<String> kinds) {
        if (interval.isCalendarDays()) {
            throw new IllegalArgumentException("jumps are scored on bars shorter than a day, not " + interval);
        }
        Set<String> jumpBars = new HashSet<>();
        Set<String> trueBars = new HashSet<>();
        for (JumpLabels.Jump jump : jumps) {
            long start = interval.startOf(micros(jump.eventTime()));
            jumpBars.add(jump.symbol() + "@" + start);
            trueBars.add(jump.symbol() + "@" + start);
            trueBars.add(jump.symbol() + "@" + (start + interval.micros()));
        }
        TreeMap<String, List<Flag>> byKind = new TreeMap<>();
        kinds.forEach(kind -> byKind.put(kind, new ArrayList<>()));
        flags.forEach(flag -> byKind.computeIfAbsent(flag.kind(), k -> new ArrayList<>()).add(flag));
        List<Score> scores = new ArrayList<>();
        byKind.forEach((kind, kindFlags) -> {
            Set<String> flagged = new HashSet<>();
            long truePositives = 0;
            for (Flag flag : kindFlags) {
                String key = flag.symbol() + "@" + micros(flag.barStart());
                if (flagged.add(key) && trueBars.contains(key)) {
                    truePositives++;
                }
            }
            long found = 0;
            for (JumpLabels.Jump jump : jumps) {
                long start = interval.startOf(micros(jump.eventTime()));
                if (flagged.contains(jump.symbol() + "@" + start)
                        || flagged.contains(jump.symbol() + "@" + (start + interval.micros()))) {
                    found++;
                }
            }
            scores.add(new Score(kind, flagged.size(), truePositives, jumps.size(), found));
        });
        double chance = bars == 0 ? Double.NaN : Math.min(1.0, (double) trueBars.size() / bars);
        return new Result(scores, bars, jumpBars.size(), chance);
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }
}
