package io.tickpipe.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {
    private static final Instant START = Instant.parse("2026-01-05T14:30:00Z");
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    private static List<SpecificRecord> run(long seed, int count) {
        SimulatedMarket market = new SimulatedMarket(SYMBOLS, seed, START, 1000);
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
}
