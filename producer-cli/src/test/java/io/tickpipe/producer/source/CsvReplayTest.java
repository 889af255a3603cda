package io.tickpipe.producer.source;

import static io.tickpipe.producer.source.ReplayFixtures.QUOTES;
import static io.tickpipe.producer.source.ReplayFixtures.TRADES;
import static io.tickpipe.producer.source.ReplayFixtures.writeGzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {
    @TempDir
    Path dir;
    Path trades;
    Path quotes;
    final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        trades = Files.writeString(dir.resolve("trades.csv"), TRADES);
        quotes = dir.resolve("quotes.csv.gz");
        writeGzip(quotes, QUOTES);
    }

    private List<SpecificRecord> replay(CsvReplay replay) throws InterruptedException {
        List<SpecificRecord> events = new ArrayList<>();
        for (SpecificRecord e = replay.next(); e != null; e = replay.next()) {
            events.add(e);
        }
        replay.close();
        return events;
    }

    @Test
    void mergesFilesByEventTimeNumbersPerSymbolAndReportsEveryBadLine() throws Exception {
        CsvReplay replay = new CsvReplay(List.of(trades, quotes), 0, Set.of(), false, new PrintWriter(err, true));
        List<SpecificRecord> events = replay(replay);

        assertThat(events).extracting(e -> e.getSchema().getName() + " " + e.get(0) + " " + e.get(e.getSchema().getField("sequence").pos()))
                .containsExactly("Quote AAPL 0", "Trade AAPL 0", "Trade AAPL 1", "Quote MSFT 0", "Trade MSFT 0");
        Trade second = (Trade) events.get(2);
        assertThat(second.getPrice()).isEqualTo(190.30);
        assertThat(second.getConditions()).containsExactly("@", "I");
        assertThat(second.getTradeId()).as("generated where the file has none").isEqualTo("AAPL-1");
        assertThat(second.getEventTime()).isEqualTo(Instant.parse("2026-01-05T14:30:00.000300Z"));
        assertThat(((Quote) events.get(0)).getAskSize()).isEqualTo(200.0);

        assertThat(replay.badLines()).isEqualTo(6);
        assertThat(err.toString().lines()).containsExactlyInAnyOrder(
                "bad line skipped: " + trades + ":4: price 'abc' is not a number",
                "bad line skipped: " + trades + ":5: event_time 'yesterday' is not an ISO-8601 time with offset (e.g. 2026-01-05T14:30:00.123456Z)",
                "bad line skipped: " + trades + ":7: 3 fields where the header has 7",
                "bad line skipped: " + trades + ":8: price -1.0 is not positive",
                "bad line skipped: " + quotes + ":3: ask 190.29 is below bid 190.31",
                "bad line skipped: " + quotes + ":4: symbol 'MS FT' is not a symbol (1-32 of letters, digits and . _ : / ^ -)");
        assertThat(replay.summary()).isEqualTo("replay: 6 bad lines skipped (each reported above)");
    }

    @Test
    void strictModeStopsAtTheFirstBadLine() throws Exception {
        CsvReplay replay = new CsvReplay(List.of(trades), 0, Set.of(), true, new PrintWriter(err, true));
        assertThat(replay.next()).isInstanceOf(Trade.class);
        assertThat(replay.next()).as("the good line before the bad one still goes out").isInstanceOf(Trade.class);
        assertThatThrownBy(replay::next)
                .isInstanceOf(CsvReplay.BadLineStop.class)
                .hasMessage(trades + ":4: price 'abc' is not a number (--strict stops at the first bad line)");
    }

    @Test
    void symbolsFilterTheReplay() throws Exception {
        List<SpecificRecord> events = replay(new CsvReplay(List.of(trades, quotes), 0, Set.of("MSFT"), false, new PrintWriter(err, true)));
        assertThat(events).extracting(e -> e.get(0)).containsOnly("MSFT").hasSize(2);
    }

    @Test
    void aFileWithoutTheColumnsOfItsKindIsRefusedWhole() throws IOException {
        Path noSize = Files.writeString(dir.resolve("bad.csv"), "event_time,symbol,price\n2026-01-05T14:30:00Z,AAPL,1\n");
        assertThatThrownBy(() -> new CsvReplay(List.of(noSize), 0, Set.of(), false, new PrintWriter(err, true)))
                .hasMessage(noSize + ": trades file lacks the column 'size'");
        Path neither = Files.writeString(dir.resolve("what.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> new CsvReplay(List.of(neither), 0, Set.of(), false, new PrintWriter(err, true)))
                .hasMessageContaining("neither 'price' (trades) nor 'bid' (quotes)");
    }
}
