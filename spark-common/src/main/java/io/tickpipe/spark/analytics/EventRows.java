package io.tickpipe.spark.analytics;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The row form of {@link AnalyticsEvent}s as the state function emits them: one wide schema for all
 * three kinds, told apart by {@code event}, with the columns a kind does not have left null. Time is
 * epoch micros here and becomes a timestamp in {@link MarketAnalytics#analyze}, so the rows do not
 * depend on {@code spark.sql.datetime.java8API.enabled}.
 */
final class EventRows {
    static final String BAR = "bar";
    static final String INDICATORS = "indicators";
    static final String ANOMALY = "anomaly";
    static final String LATE = "late";
    static final String TIME_MICROS = "time_micros";

    static final StructType SCHEMA = new StructType()
            .add("event", DataTypes.StringType, false)
            .add("symbol", DataTypes.StringType, false)
            .add("interval", DataTypes.StringType, false)
            .add(TIME_MICROS, DataTypes.LongType, false)
            .add("open", DataTypes.DoubleType)
            .add("high", DataTypes.DoubleType)
            .add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.DoubleType)
            .add("trade_count", DataTypes.LongType)
            .add("vwap", DataTypes.DoubleType)
            .add("final", DataTypes.BooleanType)
            .add("session_vwap", DataTypes.DoubleType)
            .add("sma", DataTypes.DoubleType)
            .add("ema", DataTypes.DoubleType)
            .add("rsi", DataTypes.DoubleType)
            .add("kind", DataTypes.StringType)
            .add("score", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType);

    private EventRows() {
    }

    static Row toRow(AnalyticsEvent event) {
        if (event instanceof Bar b) {
            return row(BAR, b, b.open(), b.high(), b.low(), b.close(), b.volume(), b.tradeCount(), b.vwap(),
                    b.isFinal(), null, null, null, null, null, null, null);
        }
        if (event instanceof IndicatorValues i) {
            return row(INDICATORS, i, null, null, null, null, null, null, null, null,
                    i.sessionVwap(), i.sma(), i.ema(), i.rsi(), null, null, null);
        }
        Anomaly a = (Anomaly) event;
        return row(ANOMALY, a, null, null, null, a.close(), a.volume(), null, null, null,
                null, null, null, null, a.kind().label(), a.score(), a.value());
    }

    private static Row row(String type, AnalyticsEvent e, Object... rest) {
        Object[] values = new Object[4 + rest.length];
        values[0] = type;
        values[1] = e.symbol();
        values[2] = e.interval();
        values[3] = e.startMicros();
        System.arraycopy(rest, 0, values, 4, rest.length);
        return RowFactory.create(values);
    }

    /**
     * Trades of a symbol that came for bars already final, in one call: time is the watermark, the
     * count is in {@code trade_count}, the last one's sequence number in {@code value}.
     */
    static Row late(String symbol, long watermarkMicros, SymbolState.LateTrades late) {
        return RowFactory.create(LATE, symbol, "", watermarkMicros, null, null, null, null, null, late.count(),
                null, null, null, null, null, null, null, null, (double) late.lastSequence());
    }

    static List<Row> toRows(List<? extends AnalyticsEvent> events) {
        return events.stream().map(EventRows::toRow).toList();
    }
}
