package io.tickpipe.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxTestDatabase;
import io.tickpipe.producer.TickpipeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tickpipe watch} against the real InfluxDB 1.6 of the test stack, with points in the
 * measurements' shapes (docs/data-model.md, "InfluxDB measurements") written by the pipeline's own writer.
 */
class WatchIT {
    // Whole minutes before now: the anomaly window (5 min) is counted back from InfluxDB's clock.
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static InfluxConfig config;

    @BeforeAll
    static void points() {
        config = InfluxTestDatabase.create(WatchIT.class);
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            writer.write(List.of(
                    trade("AAPL", MINUTE.plusSeconds(1), 187.10), trade("AAPL", MINUTE.plusSeconds(2), 187.35),
                    trade("MSFT", MINUTE.plusSeconds(1), 410.5),
                    bar("AAPL", "1m", MINUTE.minusSeconds(60), 186.0, 187.0, 185.5, 186.9, 900, 186.4, true),
                    bar("AAPL", "1m", MINUTE, 187.10, 187.35, 187.10, 187.35, 300, 187.2, false),
                    bar("AAPL", "1s", MINUTE.plusSeconds(1), 187.10, 187.10, 187.10, 187.10, 100, 187.10, true),
                    indicators("AAPL", "1s", MINUTE.minusSeconds(2), 186.8, 61.25),
                    withBandsMacdAndAtr(indicators("AAPL", "1s", MINUTE.minusSeconds(1), 186.9, 58.5)),
                    // RSI still warming up for MSFT: its indicator point has no rsi_14 field.
                    indicators("MSFT", "1s", MINUTE.minusSeconds(1), 410.2, null),
                    anomaly("AAPL", "1s", "return", MINUTE.minus(Duration.ofMinutes(20))),
                    anomaly("AAPL", "1s", "volume", MINUTE.minusSeconds(90)),
                    anomaly("AAPL", "1m", "return", MINUTE.minusSeconds(60)),
                    anomaly("MSFT", "1s", "volume", MINUTE.minus(Duration.ofMinutes(30)))));
        }
    }

    @Test
    void eachSymbolGetsItsNewestValuesFromEveryMeasurement() {
        List<SymbolView> views = query(List.of("AAPL", "MSFT", "NVDA")).read();

        assertThat(views).extracting(SymbolView::symbol).containsExactly("AAPL", "MSFT", "NVDA");
        SymbolView aapl = views.get(0);
        assertThat(aapl.last()).isEqualTo(187.35);
        assertThat(aapl.bar()).isEqualTo(new SymbolView.Bar(MINUTE, 187.10, 187.35, 187.10, 187.35, 300, 187.2, false));
        assertThat(aapl.indicators()).isEqualTo(new SymbolView.Indicators(186.9, 58.5, 186.25, 187.75, 0.43, 0.125,
                -0.0625, 0.1875, 0.375));
        assertThat(aapl.recentAnomalies()).isEqualTo(2);
        assertThat(aapl.latestAnomaly()).isEqualTo(new SymbolView.Anomaly("return", "1m", MINUTE.minusSeconds(60)));

        assertThat(views.get(1)).isEqualTo(new SymbolView("MSFT", 410.5, null, SymbolView.Indicators.vwapAndRsi(410.2, null), 0,
                new SymbolView.Anomaly("volume", "1s", MINUTE.minus(Duration.ofMinutes(30)))));
        assertThat(views.get(2)).isEqualTo(new SymbolView("NVDA", null, null, null, 0, null));
    }

    @Test
    void withoutSymbolsEverySymbolFoundIsARowInOrder() {
        assertThat(query(List.of()).read()).extracting(SymbolView::symbol).containsExactly("AAPL", "MSFT");
    }

    @Test
    void aDatabaseWithNoMeasurementsYetGivesRowsOfDashes() {
        InfluxConfig empty = InfluxTestDatabase.create(WatchIT.class);
        WatchQuery query = new WatchQuery(InfluxQl.of(empty), List.of("AAPL"), "1m", "1s", IndicatorPeriods.DEFAULTS,
                Duration.ofMinutes(5));

        assertThat(query.read()).containsExactly(new SymbolView("AAPL", null, null, null, 0, null));
    }

    @Test
    void theCommandPrintsOneFrameAfterAnotherWhenNotOnATerminal() {
        String out = watch("--symbols", "AAPL,NVDA", "--influx-url", config.url(), "--influx-db", config.database(),
                "--refresh", "200ms", "--duration", "1s");

        // A refresh shorter than the duration: at least a second frame, whatever the machine's speed.
        assertThat(out.lines().filter(line -> line.startsWith(WatchTable.HEADER_PREFIX)).count()).isGreaterThanOrEqualTo(2);
        assertThat(out).doesNotContain("\u001b[");
        String lastFrame = out.substring(out.lastIndexOf(WatchTable.HEADER_PREFIX));
        assertThat(lastFrame.lines().filter(line -> line.startsWith("AAPL ")).findFirst().orElseThrow().split(" {2,}"))
                .startsWith("AAPL", "187.35", "" + MINUTE.toString().substring(11, 19) + "*", "187.10", "187.35");
        assertThat(lastFrame.lines().filter(line -> line.startsWith("NVDA ")).findFirst().orElseThrow().split(" {2,}"))
                .containsOnly("NVDA", "-", "0");
    }

    @Test
    void theColumnsAskedForShowTheFieldsOfThePeriodsGiven() {
        String out = watch("--symbols", "AAPL", "--influx-url", config.url(), "--influx-db", config.database(),
                "--columns", "atr,bb,macd", "--refresh", "100ms", "--duration", "1m", "--exit-when-complete",
                "--bb-period", "10", "--atr-period", "7");

        String frame = out.substring(out.lastIndexOf(WatchTable.HEADER_PREFIX));
        assertThat(frame.lines().filter(line -> line.startsWith("SYMBOL ")).findFirst().orElseThrow().split(" {2,}"))
                .containsSubsequence("BAR VWAP", "ATR(7)", "BB(10) LOWER", "BB UPPER", "%B", "MACD(12,26)", "SIGNAL(9)",
                        "HISTOGRAM", "ANOMALIES 5m");
        // The points have bb_*_20 and atr_14, not the periods asked for: those columns stay empty; MACD's are there.
        String[] aapl = frame.lines().filter(line -> line.startsWith("AAPL ")).findFirst().orElseThrow().split(" {2,}");
        assertThat(aapl).containsSubsequence("187.20", "-", "-", "-", "-", "0.125000", "-0.062500", "0.187500");
    }

    @Test
    void theDefaultPeriodsReadTheFieldsTheJobWritesByDefault() {
        String out = watch("--symbols", "AAPL", "--influx-url", config.url(), "--influx-db", config.database(),
                "--columns", "bb,atr", "--refresh", "100ms", "--duration", "1m", "--exit-when-complete");

        String frame = out.substring(out.lastIndexOf(WatchTable.HEADER_PREFIX));
        String[] aapl = frame.lines().filter(line -> line.startsWith("AAPL ")).findFirst().orElseThrow().split(" {2,}");
        assertThat(aapl).containsSubsequence("187.20", "186.25", "187.75", "0.43", "0.375000");
    }

    @Test
    void exitWhenCompleteEndsAfterTheFirstFrameInWhichEverySymbolHasABar() {
        String out = watch("--symbols", "AAPL", "--influx-url", config.url(), "--influx-db", config.database(),
                "--refresh", "100ms", "--duration", "1m", "--exit-when-complete");

        assertThat(out.lines().filter(line -> line.startsWith(WatchTable.HEADER_PREFIX))).hasSize(1);
    }

    @Test
    void exitWhenCompleteWaitsForTheDurationWhileASymbolHasNoBar() {
        String out = watch("--symbols", "AAPL,MSFT", "--influx-url", config.url(), "--influx-db", config.database(),
                "--refresh", "100ms", "--duration", "300ms", "--exit-when-complete");

        // MSFT has no bar: not complete after the first frame, so it goes on until the duration.
        assertThat(out.lines().filter(line -> line.startsWith(WatchTable.HEADER_PREFIX)).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnreachableInfluxDbIsAStatusLineEachRefreshNotAnError() {
        String url = InfluxTestDatabase.closedPortUrl();

        String out = watch("--influx-url", url, "--refresh", "100ms", "--duration", "300ms");

        List<String> status = out.lines().filter(line -> line.startsWith("InfluxDB not readable, retrying each refresh: "))
                .toList();
        assertThat(status).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).contains(url).contains("ConnectException"));
        assertThat(status).hasSameSizeAs(out.lines().filter(line -> line.startsWith(WatchTable.HEADER_PREFIX)).toList());
    }

    private static String watch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "watch";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = TickpipeCli.run(new PrintWriter(out, true), new PrintWriter(err, true), command);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static WatchQuery query(List<String> symbols) {
        return new WatchQuery(InfluxQl.of(config), symbols, "1m", "1s", IndicatorPeriods.DEFAULTS, Duration.ofMinutes(5));
    }

    private static Point trade(String symbol, Instant time, double price) {
        return Point.measurement("trades").addTag("symbol", symbol).addField("price", price).addField("size", 100.0)
                .time(nanos(time), WritePrecision.NS);
    }

    private static Point bar(String symbol, String interval, Instant start, double open, double high, double low,
                             double close, double volume, double vwap, boolean closed) {
        return Point.measurement("bars").addTag("symbol", symbol).addTag("interval", interval)
                .addField("open", open).addField("high", high).addField("low", low).addField("close", close)
                .addField("volume", volume).addField("trade_count", 3L).addField("vwap", vwap).addField("final", closed)
                .time(nanos(start), WritePrecision.NS);
    }

    private static Point indicators(String symbol, String interval, Instant start, double sessionVwap, Double rsi) {
        Point point = Point.measurement("indicators").addTag("symbol", symbol).addTag("interval", interval)
                .addField("session_vwap", sessionVwap).time(nanos(start), WritePrecision.NS);
        return rsi == null ? point : point.addField("rsi_14", rsi);
    }

    /** The fields of the other indicators with the job's default periods, as a warmed-up point has them. */
    private static Point withBandsMacdAndAtr(Point indicators) {
        return indicators.addField("bb_middle_20", 187.0).addField("bb_upper_20", 187.75).addField("bb_lower_20", 186.25)
                .addField("bb_percent_b_20", 0.43).addField("bb_bandwidth_20", 0.008).addField("macd_12_26", 0.125)
                .addField("macd_signal_9", -0.0625).addField("macd_histogram", 0.1875).addField("atr_14", 0.375);
    }

    private static Point anomaly(String symbol, String interval, String kind, Instant start) {
        return Point.measurement("anomalies").addTag("symbol", symbol).addTag("interval", interval).addTag("kind", kind)
                .addField("score", 5.5).addField("close", 1.0).addField("volume", 1.0).addField("value", 0.01)
                .time(nanos(start), WritePrecision.NS);
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
