package io.tickpipe.spark.measurements;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.write.Point;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void aTradeIsTimedAtItsEventTimeWithTheSequenceInTheSpareNanoseconds() {
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("price", DataTypes.DoubleType)
                .add("size", DataTypes.DoubleType).add("sequence", DataTypes.LongType).add("trade_id", DataTypes.StringType)
                .add("exchange", DataTypes.StringType).add("currency", DataTypes.StringType).add("event_time", DataTypes.TimestampType);
        Row trade = new GenericRowWithSchema(new Object[] {"BRK B", 412.5, 10.0, 12_345L, "t 1", "XNYS", "USD", Timestamp.from(T)}, schema);
        assertThat(lines(MarketPoints.trade(trade))).containsExactly(
                "trades,symbol=BRK\\ B currency=\"USD\",exchange=\"XNYS\",price=412.5,sequence=12345i,size=10.0,trade_id=\"t 1\" "
                        + (T_NANOS + 345));
    }

    @Test
    void analyticsRowsBecomeBarsIndicatorsAnomaliesAndLateCounts() {
        StructType schema = new StructType().add("event", DataTypes.StringType).add("symbol", DataTypes.StringType)
                .add("interval", DataTypes.StringType).add("time", DataTypes.TimestampType)
                .add("open", DataTypes.DoubleType).add("high", DataTypes.DoubleType).add("low", DataTypes.DoubleType)
                .add("close", DataTypes.DoubleType).add("volume", DataTypes.DoubleType).add("trade_count", DataTypes.LongType)
                .add("vwap", DataTypes.DoubleType).add("final", DataTypes.BooleanType).add("session_vwap", DataTypes.DoubleType)
                .add("sma", DataTypes.DoubleType).add("ema", DataTypes.DoubleType).add("rsi", DataTypes.DoubleType)
                .add("kind", DataTypes.StringType).add("score", DataTypes.DoubleType).add("value", DataTypes.DoubleType);
        Timestamp time = Timestamp.from(T);
        var mapper = MarketPoints.analytics(AnalyticsConfig.builder().smaPeriod(5).emaPeriod(9).rsiPeriod(7).build(), "analytics");

        Row bar = new GenericRowWithSchema(new Object[] {"bar", "AAPL", "1s", time, 1.0, 2.0, 0.5, 1.5, 30.0, 3L, 1.25, true,
                null, null, null, null, null, null, null}, schema);
        assertThat(lines(mapper.toPoints(bar))).containsExactly("bars,interval=1s,symbol=AAPL close=1.5,final=true,high=2.0,"
                + "low=0.5,open=1.0,trade_count=3i,volume=30.0,vwap=1.25 " + T_NANOS);

        Row warmingUp = new GenericRowWithSchema(new Object[] {"indicators", "AAPL", "1s", time, null, null, null, null, null,
                null, null, null, 1.4, 1.3, null, null, null, null, null}, schema);
        assertThat(lines(mapper.toPoints(warmingUp))).containsExactly(
                "indicators,interval=1s,symbol=AAPL session_vwap=1.4,sma_5=1.3 " + T_NANOS);

        Row nothingYet = new GenericRowWithSchema(new Object[] {"indicators", "AAPL", "1s", time, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null}, schema);
        assertThat(mapper.toPoints(nothingYet)).as("a point without fields is not written").isEmpty();

        Row anomaly = new GenericRowWithSchema(new Object[] {"anomaly", "AAPL", "1m", time, null, null, null, 1.5, 30.0,
                null, null, null, null, null, null, null, "volume", 5.5, 3.4}, schema);
        assertThat(lines(mapper.toPoints(anomaly))).containsExactly(
                "anomalies,interval=1m,kind=volume,symbol=AAPL close=1.5,score=5.5,value=3.4,volume=30.0 " + T_NANOS);

        Row late = new GenericRowWithSchema(new Object[] {"late", "AAPL", "", time, null, null, null, null, null,
                2L, null, null, null, null, null, null, null, null, 1_000_042.0}, schema);
        assertThat(lines(mapper.toPoints(late))).containsExactly(
                "pipeline,stream=analytics,symbol=AAPL late_rows_dropped=2i " + (T_NANOS + 42));
    }

    private static List<String> lines(Iterable<Point> points) {
        List<String> lines = new ArrayList<>();
        points.forEach(p -> lines.add(p.toLineProtocol()));
        return lines;
    }
}
