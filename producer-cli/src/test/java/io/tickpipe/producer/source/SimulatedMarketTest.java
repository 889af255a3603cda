package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedMarketTest {
    private static final Instant START = Instant.parse("2026-01-05T14:30:00Z");
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    private static List<SpecificRecord> run(long seed, int count) {
        SimulatedMarket market = new SimulatedMarket(SYMBOLS, seed, START, Duration.ofMillis(1));
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(market.next());
        }
        return events;
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        assertThat(run(42, 5000)).isEqualTo(run(42, 5000));
        assertThat(run(43, 50)).isNotEqualTo(run(42, 50));
    }

    /** At 150,000 events/s (a step of 6,667 ns) a second's events span a second, not the 1.05 s of a 7 µs step. */
    @Test
    void eventTimesFollowAStepThatIsNotWholeMicroseconds() {
        SimulatedMarket market = new SimulatedMarket(SYMBOLS, 5, START, Duration.ofNanos(6_667));
        Instant last = START;
        for (int i = 0; i <= 150_000; i++) {
            SpecificRecord event = market.next();
            last = (Instant) event.get(event.getSchema().getField("event_time").pos());
        }
        // Event 150,000 at 150,000 * 6,667 ns = 1.00005 s, truncated to the microsecond.
        assertThat(last).isEqualTo(START.plusNanos(1_000_050_000));
    }

    @Test
    void sequencesAreGapFreePerSymbolAndStreamAndTimesIncrease() {
        Map<String, Long> nextSequence = new HashMap<>();
        Map<String, Instant> lastTime = new HashMap<>();
        for (SpecificRecord event : run(7, 20_000)) {
            String symbol = event.get(event.getSchema().getField("symbol").pos()).toString();
            String stream = event.getSchema().getName() + ":" + symbol;
            long sequence = (Long) event.get(event.getSchema().getField("sequence").pos());
            assertThat(sequence).as(stream).isEqualTo(nextSequence.getOrDefault(stream, 0L));
            nextSequence.put(stream, sequence + 1);
            Instant time = (Instant) event.get(event.getSchema().getField("event_time").pos());
            assertThat(time).isAfter(lastTime.getOrDefault(symbol, START.minusNanos(1)));
            lastTime.put(symbol, time);
        }
        assertThat(nextSequence).containsKeys("Trade:AAPL", "Quote:AAPL", "Trade:NVDA", "Quote:MSFT");
    }

    @Test
    void tradesPrintInsideTheSpreadOnTheTickGrid() {
        Map<String, Quote> lastQuote = new HashMap<>();
        int trades = 0;
        for (SpecificRecord event : run(11, 20_000)) {
            if (event instanceof Quote q) {
                assertThat(q.getBid()).isLessThan(q.getAsk()).isPositive();
                assertThat(q.getBid() * 100).isCloseTo(Math.rint(q.getBid() * 100), org.assertj.core.api.Assertions.within(1e-6));
                assertThat(q.getBidSize()).isPositive();
                lastQuote.put(q.getSymbol(), q);
            } else {
                Trade t = (Trade) event;
                Quote q = lastQuote.get(t.getSymbol());
                assertThat(q).as("a quote precedes every trade of " + t.getSymbol()).isNotNull();
                assertThat(t.getPrice()).isBetween(q.getBid(), q.getAsk());
                assertThat(t.getSize()).isPositive();
                assertThat(t.getTradeId()).isEqualTo(t.getSymbol() + "-" + t.getSequence());
                assertThat(t.getConditions()).isEqualTo(t.getSize() < 100 ? List.of("I") : List.of());
                trades++;
            }
        }
        assertThat(trades).isBetween(6_000, 10_000);
    }

    @Test
    void listeningToJumpsLeavesTheEventsAsTheyWere() {
        SimulatedMarket listened = new SimulatedMarket(SYMBOLS, 42, START, Duration.ofMillis(1), jump -> { });
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add(listened.next());
        }
        assertThat(events).isEqualTo(run(42, 5000));
    }

    /**
     * The labels are checked against what the quotes show, computed independently: between two quotes of
     * a symbol the mid moves by the diffusion (tiny at a millisecond step) plus the tick rounding plus any
     * jumps; so every large move must hold labelled jumps summing to it, and every large jump a move.
     */
    @Test
    void theLabelsAreTheJumpsTheQuotesShow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.csv");
        List<InjectedJump> jumps = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        try (JumpLabelsFile labels = new JumpLabelsFile(file)) {
            SimulatedMarket market = new SimulatedMarket(SYMBOLS, 20261204, START, Duration.ofMillis(1), jump -> {
                jumps.add(jump);
                labels.accept(jump);
            });
            for (int i = 0; i < 300_000; i++) {
                events.add(market.next());
            }
        }
        assertThat(jumps).as("jumps in 300,000 events at 1 in 5,000").hasSizeBetween(30, 100);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("symbol,event_time,log_size");
        List<InjectedJump> parsed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            parsed.add(new InjectedJump(f[0], Instant.parse(f[1]), Double.parseDouble(f[2])));
        }
        assertThat(parsed).isEqualTo(jumps);

        Map<String, Quote> previous = new HashMap<>();
        int largeMoves = 0;
        int largeJumpsSeen = 0;
        for (SpecificRecord event : events) {
            if (!(event instanceof Quote q)) {
                continue;
            }
            Quote before = previous.put(q.getSymbol(), q);
            if (before == null) {
                continue;
            }
            double move = Math.log((q.getBid() + q.getAsk()) / (before.getBid() + before.getAsk()));
            double labelled = 0;
            boolean largeJump = false;
            for (InjectedJump jump : jumps) {
                if (jump.symbol().equals(q.getSymbol()) && jump.eventTime().isAfter(before.getEventTime())
                        && !jump.eventTime().isAfter(q.getEventTime())) {
                    labelled += jump.logSize();
                    largeJump |= Math.abs(jump.logSize()) > 0.005;
                }
            }
            double tolerance = 0.0015 + 0.02 / Math.min(q.getBid(), before.getBid());
            if (Math.abs(move) > 0.005 || largeJump) {
                assertThat(move).as(q.getSymbol() + " mid move up to " + q.getEventTime()).isCloseTo(labelled,
                        org.assertj.core.api.Assertions.within(tolerance));
                largeMoves += Math.abs(move) > 0.005 ? 1 : 0;
                largeJumpsSeen += largeJump ? 1 : 0;
            }
        }
        assertThat(largeMoves).isPositive();
        assertThat(largeJumpsSeen).isEqualTo((int) jumps.stream().filter(j -> Math.abs(j.logSize()) > 0.005).count());
    }
}
