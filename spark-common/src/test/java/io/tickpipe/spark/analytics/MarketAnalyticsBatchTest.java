package io.tickpipe.spark.analytics;

import static io.tickpipe.spark.analytics.ReferenceAnalytics.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
                        + "ema:double,rsi:double>");
        assertThat(MarketAnalytics.anomalies(events).schema().simpleString()).isEqualTo(
                "struct<symbol:string,interval:string,kind:string,time:timestamp,score:double,"
                        + "close:double,volume:double,value:double>");
        assertThat(MarketAnalytics.bars(events).collectAsList()).singleElement()
                .satisfies(row -> assertThat(row.getTimestamp(2)).isEqualTo(Micros.timestamp(T0)));
    }
}
