package io.tickpipe.spark.measurements;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.write.Point;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class MarketPointsTest {

    @Test
    void deadLettersAndUndecodableRecordsAreCountedPerTopicAndReasonUnderTheirOwnFields() {
        assertThat(lines(List.of(MarketPoints.deadLetters("ingest", "market.trades", "BAD_MAGIC_BYTE", 3, T, 1_000_007))))
                .containsExactly("pipeline,reason=BAD_MAGIC_BYTE,stream=ingest,topic=market.trades dead_letters=3i " + (T_NANOS + 7));
        assertThat(lines(List.of(MarketPoints.undecodable("batch", "market.trades", "BAD_MAGIC_BYTE", 3, T))))
                .as("a backfill's count is not a dead letter: the stream sent those already")
                .containsExactly("pipeline,reason=BAD_MAGIC_BYTE,stream=batch,topic=market.trades undecodable_records=3i " + T_NANOS);
    }

    private static final Instant T = Instant.parse("2026-03-02T14:30:01.123456Z");
    private static final long T_NANOS = 1_772_461_801_123_456_000L;

    @Test
    void analyticsRowsBecomeBarsIndicatorsAnomaliesAndLateCounts() {
        var mapper = MarketPoints.analytics(AnalyticsConfig.builder().smaPeriod(5).emaPeriod(9).rsiPeriod(7).build(), "analytics");

        Row bar = analyticsRow("bar", "1s", Map.of("open", 1.0, "high", 2.0, "low", 0.5, "close", 1.5, "volume", 30.0,
                "trade_count", 3L, "vwap", 1.25, "final", true));
        assertThat(lines(mapper.toPoints(bar))).containsExactly("bars,interval=1s,symbol=AAPL close=1.5,final=true,high=2.0,"
                + "low=0.5,open=1.0,trade_count=3i,volume=30.0,vwap=1.25 " + T_NANOS);

        Row warmingUp = analyticsRow("indicators", "1s", Map.of("session_vwap", 1.4, "sma", 1.3));
        assertThat(lines(mapper.toPoints(warmingUp))).containsExactly(
                "indicators,interval=1s,symbol=AAPL session_vwap=1.4,sma_5=1.3 " + T_NANOS);

        Row nothingYet = analyticsRow("indicators", "1s", Map.of());
        assertThat(mapper.toPoints(nothingYet)).as("a point without fields is not written").isEmpty();

        Row anomaly = analyticsRow("anomaly", "1m", Map.of("close", 1.5, "volume", 30.0, "kind", "volume", "score", 5.5,
                "value", 3.4));
        assertThat(lines(mapper.toPoints(anomaly))).containsExactly(
                "anomalies,interval=1m,kind=volume,symbol=AAPL close=1.5,score=5.5,value=3.4,volume=30.0 " + T_NANOS);

        Row late = analyticsRow("late", "", Map.of("trade_count", 2L, "value", 1_000_042.0));
        assertThat(lines(mapper.toPoints(late))).containsExactly(
                "pipeline,stream=analytics,symbol=AAPL late_rows_dropped=2i " + (T_NANOS + 42));
    }

    @Test
    void everyIndicatorIsAFieldNamedAfterItsPeriodsAndAnUndefinedOneIsLeftOut() {
        AnalyticsConfig config = AnalyticsConfig.builder().smaPeriod(5).emaPeriod(9).rsiPeriod(7).bollingerPeriod(10)
                .bollingerWidth(2.5).macd(5, 35, 4).atrPeriod(21).build();
        var mapper = MarketPoints.analytics(config, "analytics");
        Map<String, Object> all = new HashMap<>();
        List<String> columns = List.of("session_vwap", "sma", "ema", "rsi", "bb_middle", "bb_upper", "bb_lower",
                "bb_percent_b", "bb_bandwidth", "macd", "macd_signal", "macd_histogram", "atr");
        for (int i = 0; i < columns.size(); i++) {
            all.put(columns.get(i), i + 0.5);
        }

        assertThat(lines(mapper.toPoints(analyticsRow("indicators", "1m", all)))).containsExactly(
                "indicators,interval=1m,symbol=AAPL atr_21=12.5,bb_bandwidth_10=8.5,bb_lower_10=6.5,bb_middle_10=4.5,"
                        + "bb_percent_b_10=7.5,bb_upper_10=5.5,ema_9=2.5,macd_5_35=9.5,macd_histogram=11.5,"
                        + "macd_signal_4=10.5,rsi_7=3.5,session_vwap=0.5,sma_5=1.5 " + T_NANOS);

        // A flat window's bands have no %B: the field is left out, not written as NaN or 0.
        all.put("bb_percent_b", null);
        all.put("macd_signal", Double.NaN);
        assertThat(lines(mapper.toPoints(analyticsRow("indicators", "1m", all)))).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("bb_percent_b_10").doesNotContain("macd_signal_4")
                        .contains("bb_bandwidth_10=8.5"));
    }

    /** A row of {@code MarketAnalytics.analyze}'s schema for AAPL at {@link #T}, {@code values} by column, the rest null. */
    private static Row analyticsRow(String event, String interval, Map<String, Object> values) {
        StructType schema = new StructType().add("event", DataTypes.StringType).add("symbol", DataTypes.StringType)
                .add("interval", DataTypes.StringType).add("time", DataTypes.TimestampType);
        for (String column : List.of("open", "high", "low", "close", "volume")) {
            schema = schema.add(column, DataTypes.DoubleType);
        }
        schema = schema.add("trade_count", DataTypes.LongType).add("vwap", DataTypes.DoubleType).add("final", DataTypes.BooleanType);
        for (String column : List.of("session_vwap", "sma", "ema", "rsi", "bb_middle", "bb_upper", "bb_lower",
                "bb_percent_b", "bb_bandwidth", "macd", "macd_signal", "macd_histogram", "atr")) {
            schema = schema.add(column, DataTypes.DoubleType);
        }
        schema = schema.add("kind", DataTypes.StringType).add("score", DataTypes.DoubleType).add("value", DataTypes.DoubleType);
        StructType columns = schema;
        Object[] cells = new Object[columns.size()];
        cells[0] = event;
        cells[1] = "AAPL";
        cells[2] = interval;
        cells[3] = Timestamp.from(T);
        values.forEach((column, value) -> cells[columns.fieldIndex(column)] = value);
        return new GenericRowWithSchema(cells, columns);
    }

    private static List<String> lines(Iterable<Point> points) {
        List<String> lines = new ArrayList<>();
        points.forEach(p -> lines.add(p.toLineProtocol()));
        return lines;
    }
}
