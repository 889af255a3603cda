package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.ReferenceAnalytics.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickpipe.spark.testing.LocalSpark;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarketAnalyticsBatchTest {
    private static final long T0 = Micros.at("2026-01-05T14:29:00Z"); // the session opens at 14:30
    private static final AnalyticsConfig CONFIG = AnalyticsConfig.builder()
            .intervals("1s", "1m").smaPeriod(5).emaPeriod(5).rsiPeriod(5).anomalyWindow(10).build();

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void batchEqualsThePureJavaComputation() {
        List<TestTrade> trades = new ArrayList<>(
                TestTrade.stream(17, List.of("AAPL", "MSFT"), T0, 600, 4, 2 * Micros.SECOND));
        // A spike, so the comparison covers anomalies too.
        trades.add(new TestTrade("AAPL", 140, 90_000, T0 + 120 * Micros.SECOND + 500_000, 10_000));
        List<AnalyticsEvent> expected = ReferenceAnalytics.finalEvents(trades, CONFIG);

        Dataset<Row> events = MarketAnalytics.analyze(AnalyticsFrames.tradesFrame(spark, trades), CONFIG).cache();

        List<Bar> bars = AnalyticsFrames.bars(events);
        assertThat(bars).allSatisfy(bar -> assertThat(bar.isFinal()).isTrue());
        assertThat(bars).containsExactlyInAnyOrderElementsOf(only(expected, Bar.class));
        assertThat(AnalyticsFrames.indicators(events))
                .containsExactlyInAnyOrderElementsOf(only(expected, IndicatorValues.class));
        List<Anomaly> anomalies = AnalyticsFrames.anomalies(events);
        assertThat(anomalies).extracting(Anomaly::kind).contains(AnomalyKind.RETURN, AnomalyKind.VOLUME);
        assertThat(anomalies).containsExactlyInAnyOrderElementsOf(only(expected, Anomaly.class));
    }

    /**
     * Bollinger Bands (20, 2), MACD (12, 26, 9) and ATR(14) of the bars Spark made, against the same
     * indicators computed here over those bars by their textbook definitions, array by array.
     */
    @Test
    void bollingerMacdAndAtrOverRealBarsEqualAPlainJavaComputation() {
        // 40 minutes of trades, two a second: 1m bars enough for MACD's signal (34 bars), and 2,400 1s bars.
        List<TestTrade> trades = TestTrade.stream(23, List.of("AAPL", "MSFT"), T0, 40 * 60 * 2, 2, Micros.SECOND / 4);
        AnalyticsConfig config = AnalyticsConfig.builder().intervals("1s", "1m").build();

        Dataset<Row> events = MarketAnalytics.analyze(AnalyticsFrames.tradesFrame(spark, trades), config).cache();

        Map<String, List<Bar>> series = new TreeMap<>();
        for (Bar bar : AnalyticsFrames.bars(events)) {
            series.computeIfAbsent(bar.symbol() + " " + bar.interval(), k -> new ArrayList<>()).add(bar);
        }
        Map<String, IndicatorValues> actual = new HashMap<>();
        for (IndicatorValues i : AnalyticsFrames.indicators(events)) {
            actual.put(i.symbol() + " " + i.interval() + " " + i.startMicros(), i);
        }
        assertThat(series.keySet()).containsExactly("AAPL 1m", "AAPL 1s", "MSFT 1m", "MSFT 1s");
        assertThat(series.get("AAPL 1m")).hasSizeGreaterThanOrEqualTo(40);
        int withSignal = 0;
        for (Map.Entry<String, List<Bar>> e : series.entrySet()) {
            List<Bar> bars = e.getValue().stream().sorted(Comparator.comparingLong(Bar::startMicros)).toList();
            PlainIndicators expected = PlainIndicators.of(bars, 20, 2, 12, 26, 9, 14);
            for (int i = 0; i < bars.size(); i++) {
                String at = e.getKey() + " bar " + i;
                IndicatorValues got = actual.get(e.getKey() + " " + bars.get(i).startMicros());
                assertThat(got).as(at).isNotNull();
                expected.check(i, got, at);
                withSignal += got.macd() != null && got.macd().signal() != null ? 1 : 0;
            }
        }
        assertThat(actual).hasSize(series.values().stream().mapToInt(List::size).sum());
        assertThat(withSignal).isGreaterThan(2 * (2400 - 34));
    }

    @Test
    void projectionsHaveTheColumnsTheSinkMaps() {
        Dataset<Row> events = MarketAnalytics.analyze(
                AnalyticsFrames.tradesFrame(spark, List.of(new TestTrade("AAPL", 10, 1, T0, 0))),
                CONFIG.toBuilder().intervals("1s").build());

        assertThat(MarketAnalytics.bars(events).schema().simpleString()).isEqualTo(
                "struct<symbol:string,interval:string,time:timestamp,open:double,high:double,low:double,"
                        + "close:double,volume:double,trade_count:bigint,vwap:double,final:boolean>");
        assertThat(MarketAnalytics.indicators(events).schema().simpleString()).isEqualTo(
                "struct<symbol:string,interval:string,time:timestamp,session_vwap:double,sma:double,"
                        + "ema:double,rsi:double,bb_middle:double,bb_upper:double,bb_lower:double,bb_percent_b:double,"
                        + "bb_bandwidth:double,macd:double,macd_signal:double,macd_histogram:double,atr:double>");
        assertThat(IndicatorFields.of(CONFIG).keySet()).as("every indicator column has its stored name")
                .containsExactlyElementsOf(List.of(MarketAnalytics.indicators(events).columns()).subList(3, 16));
        assertThat(MarketAnalytics.anomalies(events).schema().simpleString()).isEqualTo(
                "struct<symbol:string,interval:string,kind:string,time:timestamp,score:double,"
                        + "close:double,volume:double,value:double>");
        assertThat(MarketAnalytics.bars(events).collectAsList()).singleElement()
                .satisfies(row -> assertThat(row.getTimestamp(2)).isEqualTo(Micros.timestamp(T0)));
    }

    @Test
    void sessionHoursKeepOnlyTheRegularSessionsTradesInEveryBar() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 08:00 to 17:00 New York on two days, a trade a minute.
        List<TestTrade> trades = new ArrayList<>();
        for (String day : List.of("2026-01-05", "2026-01-06")) {
            long open = Micros.at(day + "T13:00:00Z");
            trades.addAll(TestTrade.stream(day.hashCode(), List.of("AAPL"), open, 9 * 60, 1, 0).stream()
                    .map(t -> new TestTrade(t.symbol(), t.price(), t.size(), open + t.sequence() * 60 * Micros.SECOND, t.sequence()))
                    .toList());
        }
        AnalyticsConfig config = CONFIG.toBuilder().intervals("1m", "1d").sessionZone("America/New_York")
                .sessionHours(SessionHours.parse("09:30-16:00")).build();
        // Independently: which trades are in 09:30-16:00 on New York's clocks.
        List<TestTrade> regular = trades.stream().filter(t -> {
            LocalTime local = LocalTime.ofInstant(Instant.EPOCH.plus(t.micros(), ChronoUnit.MICROS), newYork);
            return !local.isBefore(LocalTime.of(9, 30)) && local.isBefore(LocalTime.of(16, 0));
        }).toList();
        assertThat(regular).hasSize(2 * 390);

        List<Bar> bars = AnalyticsFrames.bars(MarketAnalytics.analyze(AnalyticsFrames.tradesFrame(spark, trades), config));

        assertThat(bars).containsExactlyInAnyOrderElementsOf(
                only(ReferenceAnalytics.finalEvents(regular, config.toBuilder().sessionHours(SessionHours.ALL).build()), Bar.class));
        assertThat(bars.stream().filter(b -> b.interval().equals("1d"))).hasSize(2)
                .allSatisfy(day -> assertThat(day.tradeCount()).isEqualTo(390));
    }

    @Test
    void dailyBarsAreCalendarDaysOfTheSessionZoneAcrossADaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Late evening prints on both sides of 2026-03-08, when New York moves from UTC-5 to UTC-4.
        List<TestTrade> trades = List.of(
                trade("2026-03-07T22:30:00-05:00", 10, 0),
                trade("2026-03-07T23:59:59-05:00", 11, 1),
                trade("2026-03-08T00:00:00-05:00", 12, 2),   // New York midnight: a new day
                trade("2026-03-08T23:30:00-04:00", 13, 3),   // 03:30 UTC on the 9th, still the 8th here
                trade("2026-03-09T00:00:01-04:00", 14, 4));
        AnalyticsConfig config = CONFIG.toBuilder().intervals("1d").sessionZone("America/New_York").build();

        List<Bar> days = AnalyticsFrames.bars(MarketAnalytics.analyze(AnalyticsFrames.tradesFrame(spark, trades), config));

        // Independently: group by the date on New York's clocks.
        Map<Long, List<TestTrade>> byDay = new TreeMap<>();
        for (TestTrade t : trades) {
            ZonedDateTime local = Instant.EPOCH.plus(t.micros(), ChronoUnit.MICROS).atZone(newYork);
            long midnight = ChronoUnit.MICROS.between(Instant.EPOCH, local.toLocalDate().atStartOfDay(newYork).toInstant());
            byDay.computeIfAbsent(midnight, d -> new ArrayList<>()).add(t);
        }
        assertThat(days).extracting(Bar::startMicros).containsExactlyInAnyOrderElementsOf(byDay.keySet());
        for (Bar day : days) {
            List<TestTrade> in = byDay.get(day.startMicros());
            assertThat(day.open()).isEqualTo(in.get(0).price());
            assertThat(day.close()).isEqualTo(in.get(in.size() - 1).price());
            assertThat(day.tradeCount()).isEqualTo(in.size());
        }
        assertThat(byDay.keySet()).contains(Micros.at("2026-03-08T05:00:00Z"), Micros.at("2026-03-09T04:00:00Z"));
    }

    @Test
    void barsFromBarFilesMergeIntoTheBarsOfTheirTrades() {
        List<TestTrade> trades = new ArrayList<>(TestTrade.stream(5, List.of("AAPL", "MSFT"), T0, 3 * 3600, 1, 0));
        trades.add(new TestTrade("MSFT", 400, 80_000, T0 + 5_000 * Micros.SECOND, 99_999));
        AnalyticsConfig fromTrades = CONFIG.toBuilder().intervals("1m", "5m", "1h").build();
        Dataset<Row> tradeEvents = MarketAnalytics.analyze(AnalyticsFrames.tradesFrame(spark, trades), fromTrades).cache();
        // The 1m bars of the trades, as a vendor's bar file would hold them.
        List<Bar> minutes = AnalyticsFrames.bars(tradeEvents).stream().filter(b -> b.interval().equals("1m"))
                .sorted(Comparator.comparingLong(Bar::startMicros)).toList();

        Dataset<Row> barEvents = MarketAnalytics.analyzeBars(barsFrame(minutes), fromTrades).cache();

        List<Bar> expected = AnalyticsFrames.bars(tradeEvents);
        List<Bar> merged = AnalyticsFrames.bars(barEvents);
        assertThat(merged).hasSameSizeAs(expected);
        for (Bar bar : merged) {
            Bar same = expected.stream().filter(b -> b.symbol().equals(bar.symbol()) && b.interval().equals(bar.interval())
                    && b.startMicros() == bar.startMicros()).findFirst().orElseThrow();
            assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close())).as("%s", bar)
                    .isEqualTo(List.of(same.open(), same.high(), same.low(), same.close()));
            // The 1m volumes were rounded to doubles once before they were summed again.
            assertThat(bar.volume()).isCloseTo(same.volume(), within(same.volume() * 1e-12));
            assertThat(bar.tradeCount()).isNull();
            assertThat(bar.vwap()).isNull();
            assertThat(bar.isFinal()).isTrue();
        }
        // Indicators of closes are the same; session VWAP needs the notional bars do not carry.
        List<IndicatorValues> indicators = AnalyticsFrames.indicators(barEvents);
        assertThat(indicators).hasSameSizeAs(AnalyticsFrames.indicators(tradeEvents)).allSatisfy(i -> assertThat(i.sessionVwap()).isNull());
        assertThat(indicators).extracting(IndicatorValues::symbol, IndicatorValues::interval, IndicatorValues::startMicros,
                        IndicatorValues::sma, IndicatorValues::ema, IndicatorValues::rsi, IndicatorValues::bollinger,
                        IndicatorValues::macd, IndicatorValues::atr)
                .containsExactlyInAnyOrderElementsOf(AnalyticsFrames.indicators(tradeEvents).stream()
                        .map(i -> org.assertj.core.groups.Tuple.tuple(i.symbol(), i.interval(), i.startMicros(), i.sma(), i.ema(),
                                i.rsi(), i.bollinger(), i.macd(), i.atr()))
                        .toList());
        assertThat(indicators).as("bars from files get the bar-range indicators too")
                .anyMatch(i -> i.atr() != null && i.bollinger() != null && i.macd() != null);
        assertThat(AnalyticsFrames.anomalies(barEvents)).extracting(Anomaly::symbol, Anomaly::interval, Anomaly::kind, Anomaly::startMicros)
                .containsExactlyInAnyOrderElementsOf(AnalyticsFrames.anomalies(tradeEvents).stream()
                        .map(a -> org.assertj.core.groups.Tuple.tuple(a.symbol(), a.interval(), a.kind(), a.startMicros())).toList())
                .isNotEmpty();
    }

    private static TestTrade trade(String offsetTime, double price, long sequence) {
        return new TestTrade("AAPL", price, 1, ChronoUnit.MICROS.between(Instant.EPOCH,
                java.time.OffsetDateTime.parse(offsetTime).toInstant()), sequence);
    }

    private static Dataset<Row> barsFrame(List<Bar> bars) {
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("time", DataTypes.TimestampType)
                .add("open", DataTypes.DoubleType).add("high", DataTypes.DoubleType).add("low", DataTypes.DoubleType)
                .add("close", DataTypes.DoubleType).add("volume", DataTypes.DoubleType);
        return spark.createDataFrame(bars.stream().map(b -> RowFactory.create(b.symbol(), Micros.timestamp(b.startMicros()),
                b.open(), b.high(), b.low(), b.close(), b.volume())).toList(), schema);
    }
}
