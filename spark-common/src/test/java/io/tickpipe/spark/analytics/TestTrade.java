package io.tickpipe.spark.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A trade as the tests write it, and a generator of realistic, reproducible trade streams. */
record TestTrade(String symbol, double price, double size, long micros, long sequence) {

    void addTo(SymbolState state) {
        state.add(price, size, micros, sequence);
    }

    /**
     * {@code count} trades per symbol from {@code startMicros}, about {@code perSecond} a second, in
     * arrival order: event times jitter backwards by up to {@code maxLatenessMicros}. Prices are on a
     * 0.01 tick, sizes fractional, so double sums would depend on their order.
     */
    static List<TestTrade> stream(long seed, List<String> symbols, long startMicros, int count,
            int perSecond, long maxLatenessMicros) {
        Random random = new Random(seed);
        List<TestTrade> trades = new ArrayList<>();
        double[] price = new double[symbols.size()];
        for (int s = 0; s < symbols.size(); s++) {
            price[s] = 100 + 50 * s;
        }
        for (int i = 0; i < count; i++) {
            long base = startMicros + i * (Micros.SECOND / perSecond);
            for (int s = 0; s < symbols.size(); s++) {
                price[s] = Math.max(1, Math.round((price[s] + random.nextGaussian() * 0.05) * 100) / 100.0);
                double size = Math.round(random.nextDouble() * 1000) / 7.0;
                long time = base - (long) (random.nextDouble() * maxLatenessMicros);
                trades.add(new TestTrade(symbols.get(s), price[s], size, time, i));
            }
        }
        return trades;
    }
}
