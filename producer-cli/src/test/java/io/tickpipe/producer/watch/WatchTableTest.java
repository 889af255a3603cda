package io.tickpipe.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTableTest {
    private static final Instant NOW = Instant.parse("2026-01-05T14:31:07.400Z");
    private final WatchTable table = new WatchTable("1m", "1s", IndicatorColumn.DEFAULTS, IndicatorPeriods.DEFAULTS,
            Duration.ofMinutes(5));

    private static final SymbolView FULL = new SymbolView("AAPL", 187.256,
            new SymbolView.Bar(Instant.parse("2026-01-05T14:31:00Z"), 187.1, 187.3, 187.01, 187.25, 1200, 187.1875, false),
            new SymbolView.Indicators(187.04, 55.349, 186.52, 187.61, 0.6789, 0.0412345, -0.0123, 0.0535345, 0.1875), 2,
            new SymbolView.Anomaly("volume", "1s", Instant.parse("2026-01-05T14:30:58Z")));
    private static final SymbolView EMPTY = new SymbolView("NVDA", null, null, null, 0, null);

    @Test
    void firstLineIsTheHeaderWithTheWallTime() {
        String frame = table.render(NOW, List.of(FULL));

        assertThat(frame.lines().findFirst()).contains("=== 2026-01-05 14:31:07 UTC  tickpipe watch ===");
        assertThat(frame).startsWith(WatchTable.HEADER_PREFIX);
    }

    @Test
    void aRowShowsEveryValueRoundedForReading() {
        List<String> lines = table.render(NOW, List.of(FULL)).lines().toList();

        assertThat(lines.get(1).split(" {2,}")).containsExactly("SYMBOL", "LAST", "BAR 1m", "OPEN", "HIGH", "LOW",
                "CLOSE", "VOLUME", "BAR VWAP", "SESSION VWAP", "RSI(14) 1s", "ANOMALIES 5m", "LATEST ANOMALY");
        assertThat(lines.get(2).split(" {2,}")).containsExactly("AAPL", "187.26", "14:31:00*", "187.10", "187.30",
                "187.01", "187.25", "1200", "187.19", "187.04", "55.3", "2", "volume 1s 14:30:58");
    }

    @Test
    void missingDataIsADashAndColumnsStayAligned() {
        List<String> lines = table.render(NOW, List.of(FULL, EMPTY)).lines().toList();

        assertThat(lines.get(3).split(" {2,}")).containsExactly("NVDA", "-", "-", "-", "-", "-", "-", "-", "-", "-",
                "-", "0", "-");
        // Numbers are right-aligned: the last price of both rows ends in the same column.
        int lastEnds = lines.get(1).indexOf("LAST") + "LAST".length();
        assertThat(lines.get(2).substring(0, lastEnds)).endsWith("187.26");
        assertThat(lines.get(3).substring(0, lastEnds)).endsWith("-");
    }

    @Test
    void aFinalBarHasNoMarkAndSmallPricesKeepTheirDigits() {
        SymbolView coin = new SymbolView("DOGE-USD", 0.1234567,
                new SymbolView.Bar(Instant.parse("2026-01-05T14:30:00Z"), 0.12, 0.125, 0.119, 0.1234567, 1520.25, 0.1221, true),
                null, 0, null);

        String row = table.render(NOW, List.of(coin)).lines().toList().get(2);

        assertThat(row.split(" {2,}")).startsWith("DOGE-USD", "0.123457", "14:30:00", "0.120000", "0.125000",
                "0.119000", "0.123457", "1520.25");
    }

    @Test
    void noRowsSaysSoAndTheFooterExplainsTheRsiWarmUp() {
        String frame = table.render(NOW, List.of());

        assertThat(frame).contains("(no symbols with data yet)");
        assertThat(frame).contains("RSI(14) needs 15 final 1s bars");
    }

    @Test
    void chosenColumnsShowTheirIndicatorsInTheOrderGivenWithTheirPeriods() {
        WatchTable chosen = new WatchTable("1m", "1m", List.of(IndicatorColumn.ATR, IndicatorColumn.BB, IndicatorColumn.MACD),
                new IndicatorPeriods(14, 10, 5, 35, 4, 7), Duration.ofMinutes(5));

        List<String> lines = chosen.render(NOW, List.of(FULL, EMPTY)).lines().toList();

        assertThat(lines.get(1).split(" {2,}")).containsExactly("SYMBOL", "LAST", "BAR 1m", "OPEN", "HIGH", "LOW",
                "CLOSE", "VOLUME", "BAR VWAP", "ATR(7)", "BB(10) LOWER", "BB UPPER", "%B", "MACD(5,35)", "SIGNAL(4)",
                "HISTOGRAM", "ANOMALIES 5m", "LATEST ANOMALY");
        assertThat(lines.get(2).split(" {2,}")).containsExactly("AAPL", "187.26", "14:31:00*", "187.10", "187.30",
                "187.01", "187.25", "1200", "187.19", "0.187500", "186.52", "187.61", "0.68", "0.041235", "-0.012300",
                "0.053535", "2", "volume 1s 14:30:58");
        assertThat(lines.get(3).split(" {2,}")).containsExactly("NVDA", "-", "-", "-", "-", "-", "-", "-", "-", "-",
                "-", "-", "-", "-", "-", "-", "0", "-");
        assertThat(lines.get(4)).isEqualTo("* live bar, not final yet. ATR(7) needs 7 final 1m bars; BB(10) needs 10 final"
                + " 1m bars; MACD(5,35,4) needs 35 final 1m bars, its signal 38 (--indicator-interval).");
    }

    @Test
    void sessionVwapAloneNeedsNoWarmUpNote() {
        WatchTable vwap = new WatchTable("1m", "1s", List.of(IndicatorColumn.VWAP), IndicatorPeriods.DEFAULTS, Duration.ofMinutes(5));

        List<String> lines = vwap.render(NOW, List.of(FULL)).lines().toList();

        assertThat(lines.get(1)).contains("SESSION VWAP").doesNotContain("RSI");
        assertThat(lines.get(3)).isEqualTo("* live bar, not final yet.");
    }

    @Test
    void columnNamesAreParsedInOrderAndAnUnknownOrRepeatedOneIsNamed() {
        assertThat(IndicatorColumn.parse(List.of("macd", "VWAP", " atr"))).containsExactly(IndicatorColumn.MACD,
                IndicatorColumn.VWAP, IndicatorColumn.ATR);
        assertThatThrownBy(() -> IndicatorColumn.parse(List.of("rsi", "adx")))
                .hasMessage("'adx' is not a column; the columns are vwap, rsi, bb, macd, atr");
        assertThatThrownBy(() -> IndicatorColumn.parse(List.of("bb", "bb"))).hasMessage("'bb' is named twice");
    }

    @Test
    void aStatusFrameIsTheHeaderAndOneLine() {
        List<String> lines = table.status(NOW, "connection refused").lines().toList();

        assertThat(lines).containsExactly("=== 2026-01-05 14:31:07 UTC  tickpipe watch ===",
                "InfluxDB not readable, retrying each refresh: connection refused");
    }
}
