package io.tickpipe.producer.source;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded simulated market: per symbol a geometric Brownian motion mid price with its own
 * volatility and rare jumps, quotes with a spread around the mid, trades at or inside the spread.
 * Event {@code i} happens at {@code start + i * step}, truncated to the microsecond (a step of at
 * least one), so event times increase per symbol and a paced producer's events track the wall clock
 * at any rate, not only where a microsecond divides by it; the same seed, symbols, start and step
 * give exactly the same events. Each injected jump is also reported to a listener, the ground truth of anomaly
 * detection ({@link JumpLabelsFile}); listening draws no random numbers, so it does not change the events.
 */
public final class SimulatedMarket implements EventSource {
    private static final int TICKS_PER_UNIT = 100;
    private static final double TICK = 1.0 / TICKS_PER_UNIT;
    /** Trading time in a year: 252 sessions of 6.5 hours, in microseconds. */
    private static final double MICROS_PER_TRADING_YEAR = 252 * 6.5 * 3600 * 1e6;
    private static final double QUOTE_SHARE = 0.6;
    private static final double JUMP_PROBABILITY = 1.0 / 5000;
    private static final double JUMP_SIGMA = 0.02;
    private static final String[] EXCHANGES = {"XNAS", "XNYS", "ARCX", "BATS", "IEXG"};

    /** Not java.util.Random: that one is thread-safe, an atomic update per draw that one thread need not pay. */
    private final SplittableRandom random;
    private final List<SymbolState> symbols = new ArrayList<>();
    private final long startMicros;
    private final long stepNanos;
    private final Consumer<InjectedJump> jumps;
    private long index;

    private static final class SymbolState {
        final String symbol;
        final double sigma;
        final double spreadBps;
        double mid;
        double bid;
        double ask;
        long lastMicros;
        long quoteSequence;
        long tradeSequence;

        SymbolState(String symbol, double mid, double sigma, double spreadBps, long startMicros) {
            this.symbol = symbol;
            this.mid = mid;
            this.sigma = sigma;
            this.spreadBps = spreadBps;
            this.lastMicros = startMicros;
        }
    }

    public SimulatedMarket(List<String> symbolNames, long seed, Instant start, Duration step) {
        this(symbolNames, seed, start, step, jump -> { });
    }

    public SimulatedMarket(List<String> symbolNames, long seed, Instant start, Duration step,
                           Consumer<InjectedJump> jumps) {
        if (symbolNames.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol is needed");
        }
        if (step.compareTo(Duration.ofNanos(1_000)) < 0) {
            throw new IllegalArgumentException("the simulation step must be at least 1 microsecond, not " + step);
        }
        this.random = new SplittableRandom(seed);
        this.startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        this.stepNanos = step.toNanos();
        this.jumps = jumps;
        for (String name : symbolNames) {
            double mid = roundToTick(20 + random.nextDouble() * 480);
            double sigma = 0.15 + random.nextDouble() * 0.45;
            double spreadBps = 1 + random.nextDouble() * 9;
            symbols.add(new SymbolState(name, mid, sigma, spreadBps, startMicros));
        }
    }

    @Override
    public SpecificRecord next() {
        long micros = startMicros + index++ * stepNanos / 1_000;
        SymbolState s = symbols.get(random.nextInt(symbols.size()));
        evolve(s, micros);
        // A symbol's first event is a quote, so every trade has a spread to print within.
        boolean quote = s.quoteSequence == 0 || random.nextDouble() < QUOTE_SHARE;
        Instant time = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        return quote ? quote(s, time) : trade(s, time);
    }

    private void evolve(SymbolState s, long micros) {
        double dt = (micros - s.lastMicros) / MICROS_PER_TRADING_YEAR;
        s.lastMicros = micros;
        double logReturn = -0.5 * s.sigma * s.sigma * dt + s.sigma * Math.sqrt(dt) * random.nextGaussian();
        if (random.nextDouble() < JUMP_PROBABILITY) {
            double jump = JUMP_SIGMA * random.nextGaussian();
            logReturn += jump;
            jumps.accept(new InjectedJump(s.symbol, Instant.EPOCH.plus(micros, ChronoUnit.MICROS), jump));
        }
        s.mid = Math.max(TICK, s.mid * Math.exp(logReturn));
    }

    private Quote quote(SymbolState s, Instant time) {
        double half = Math.max(TICK / 2, s.mid * s.spreadBps / 20_000);
        s.bid = Math.max(TICK, floorToTick(s.mid - half));
        s.ask = Math.max(roundToTick(s.bid + TICK), ceilToTick(s.mid + half));
        // Setters, not the builder: a builder copies the schema's field list and checks every field
        // again for each record, a cost per event that a producer at full speed pays in throughput.
        Quote quote = new Quote();
        quote.setSymbol(s.symbol);
        quote.setBid(s.bid);
        quote.setAsk(s.ask);
        quote.setBidSize(100.0 * (1 + random.nextInt(20)));
        quote.setAskSize(100.0 * (1 + random.nextInt(20)));
        quote.setEventTime(time);
        quote.setExchange(EXCHANGES[random.nextInt(EXCHANGES.length)]);
        quote.setSequence(s.quoteSequence++);
        return quote;
    }

    private Trade trade(SymbolState s, Instant time) {
        int ticksInSpread = (int) Math.round((s.ask - s.bid) / TICK);
        double price = roundToTick(s.bid + TICK * random.nextInt(ticksInSpread + 1));
        boolean oddLot = random.nextDouble() < 0.2;
        // Round lots of 100, geometric in count: many small prints, few large blocks.
        double size = oddLot ? 1 + random.nextInt(99) : 100.0 * (1 + (int) (-Math.log(1 - random.nextDouble()) * 3));
        long sequence = s.tradeSequence++;
        Trade trade = new Trade(); // setters, as for quotes
        trade.setSymbol(s.symbol);
        trade.setPrice(price);
        trade.setSize(size);
        trade.setEventTime(time);
        trade.setTradeId(s.symbol + "-" + sequence);
        trade.setExchange(EXCHANGES[random.nextInt(EXCHANGES.length)]);
        trade.setConditions(oddLot ? List.of("I") : List.of());
        trade.setSequence(sequence);
        trade.setCurrency("USD");
        return trade;
    }

    // Dividing a whole number of ticks gives the double nearest the decimal price (190.25, not 190.25000000000003).
    private static double roundToTick(double price) {
        return Math.round(price * TICKS_PER_UNIT) / (double) TICKS_PER_UNIT;
    }

    private static double floorToTick(double price) {
        return Math.floor(price * TICKS_PER_UNIT + 1e-9) / TICKS_PER_UNIT;
    }

    private static double ceilToTick(double price) {
        return Math.ceil(price * TICKS_PER_UNIT - 1e-9) / TICKS_PER_UNIT;
    }
}
