package io.tickpipe.batch.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random history: 70 days of daily bars, each symbol missing random days, plus the cases the
 * statistics treat apart, and 1m bars and anomalies of two intervals and two kinds.
 * <ul>
 * <li>AAA: a random walk; BBB: correlated with AAA, one bar without VWAP; CCC: independent, one bar
 *     without trade count; VEND: vendor bars, no trade count or VWAP at all;</li>
 * <li>FLAT: the same close every day; ONE: a single bar with no volume; FEW: three bars (two returns);</li>
 * <li>AAA and VEND: 1m bars over 90 minutes of one day, with gaps.</li>
 * </ul>
 */
final class SeededHistory {
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final int DAYS = 70;
    static final List<String> DAILY_SYMBOLS = List.of("AAA", "BBB", "CCC", "VEND", "FLAT", "ONE", "FEW");

    final List<TestBar> bars = new ArrayList<>();
    final List<TestAnomaly> anomalies = new ArrayList<>();
    private final Random random;

    SeededHistory(long seed) {
        random = new Random(seed);
        double[] common = new double[DAYS];
        for (int d = 0; d < DAYS; d++) {
            common[d] = random.nextGaussian() * 0.02;
        }
        walk("AAA", "1d", Duration.ofDays(1), DAYS, 100, common, 1.0, 0.01, -1, -1, false);
        walk("BBB", "1d", Duration.ofDays(1), DAYS, 40, common, 0.7, 0.012, -1, 23, false);
        walk("CCC", "1d", Duration.ofDays(1), DAYS, 7.5, new double[DAYS], 0, 0.03, 31, -1, false);
        walk("VEND", "1d", Duration.ofDays(1), DAYS, 250, common, -0.4, 0.02, -1, -1, true);
        for (int d = 0; d < DAYS; d++) {
            if (random.nextDouble() >= 0.2) {
                bars.add(new TestBar("FLAT", "1d", day(d), 50, 50, 50, 50, 1_000 + random.nextInt(500),
                        20L + random.nextInt(10), 50.0));
            }
        }
        bars.add(new TestBar("ONE", "1d", day(12), 20, 21, 19.5, 20.5, 0, 0L, 20.2));
        bars.add(new TestBar("FEW", "1d", day(3), 9, 9.5, 8.8, 9.2, 300, 12L, 9.1));
        bars.add(new TestBar("FEW", "1d", day(9), 9.2, 9.9, 9.0, 9.8, 310, 15L, 9.4));
        bars.add(new TestBar("FEW", "1d", day(10), 9.8, 9.8, 8.1, 8.4, 280, 11L, 8.9));

        // Minute bars on day 20, at prices far from the daily ones: a summary that read them would show it.
        int minutes = 90;
        double[] none = new double[minutes];
        Instant minuteStart = day(20).plus(Duration.ofHours(14).plusMinutes(30));
        walkFrom("AAA", "1m", minuteStart, Duration.ofMinutes(1), minutes, 1_000, none, 0, 0.001, -1, -1, false);
        walkFrom("VEND", "1m", minuteStart, Duration.ofMinutes(1), minutes, 5, none, 0, 0.004, -1, -1, true);

        String[] anomalySymbols = {"AAA", "BBB", "CCC", "VEND", "ONE", "FEW", "ZZZ"};
        String[] intervals = {"1m", "1d"};
        String[] kinds = {"return", "volume"};
        for (int i = 0; i < 40; i++) {
            anomalies.add(new TestAnomaly(anomalySymbols[random.nextInt(anomalySymbols.length)],
                    intervals[random.nextInt(2)], kinds[random.nextInt(2)], day(random.nextInt(DAYS))));
        }
    }

    static Instant day(int d) {
        return START.plus(Duration.ofDays(d));
    }

    List<TestBar> bars(String symbol, String interval) {
        return bars.stream().filter(b -> b.symbol().equals(symbol) && b.interval().equals(interval)).toList();
    }

    private void walk(String symbol, String interval, Duration step, int count, double firstClose, double[] common,
            double beta, double noise, int noTradeCount, int noVwap, boolean vendor) {
        walkFrom(symbol, interval, START, step, count, firstClose, common, beta, noise, noTradeCount, noVwap, vendor);
    }

    /**
     * A random walk of closes, {@code log return = beta * common + noise * N(0,1)}; about one bar in five
     * left out; bar {@code noTradeCount} / {@code noVwap} (index among all steps) without that field.
     */
    private void walkFrom(String symbol, String interval, Instant start, Duration step, int count, double firstClose,
            double[] common, double beta, double noise, int noTradeCount, int noVwap, boolean vendor) {
        double close = firstClose;
        for (int i = 0; i < count; i++) {
            double open = close * Math.exp(random.nextGaussian() * noise / 4);
            close = close * Math.exp(beta * common[i] + noise * random.nextGaussian());
            if (random.nextDouble() < 0.2 && i != noTradeCount && i != noVwap) {
                continue;
            }
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.01);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.01);
            double volume = 1_000 + random.nextInt(50_000) + random.nextDouble();
            Long tradeCount = vendor || i == noTradeCount ? null : 10L + random.nextInt(5_000);
            Double vwap = vendor || i == noVwap ? null : low + (high - low) * random.nextDouble();
            bars.add(new TestBar(symbol, interval, start.plus(step.multipliedBy(i)), open, high, low, close, volume,
                    tradeCount, vwap));
        }
    }
}
