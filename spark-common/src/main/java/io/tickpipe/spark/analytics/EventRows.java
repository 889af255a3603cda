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
            .add("bb_middle", DataTypes.DoubleType)
            .add("bb_upper", DataTypes.DoubleType)
            .add("bb_lower", DataTypes.DoubleType)
            .add("bb_percent_b", DataTypes.DoubleType)
            .add("bb_bandwidth", DataTypes.DoubleType)
            .add("macd", DataTypes.DoubleType)
            .add("macd_signal", DataTypes.DoubleType)
            .add("macd_histogram", DataTypes.DoubleType)
            .add("atr", DataTypes.DoubleType)
            .add("kind", DataTypes.StringType)
            .add("score", DataTypes.DoubleType)
            .add("value", DataTypes.DoubleType);

    private EventRows() {
    }

    static Row toRow(AnalyticsEvent event) {
        if (event instanceof Bar b) {
            return new Values(BAR, b.symbol(), b.interval(), b.startMicros())
                    .set("open", b.open()).set("high", b.high()).set("low", b.low()).set("close", b.close())
                    .set("volume", b.volume()).set("trade_count", b.tradeCount()).set("vwap", b.vwap())
                    .set("final", b.isFinal()).row();
        }
        if (event instanceof IndicatorValues i) {
            Values values = new Values(INDICATORS, i.symbol(), i.interval(), i.startMicros())
                    .set("session_vwap", i.sessionVwap()).set("sma", i.sma()).set("ema", i.ema()).set("rsi", i.rsi())
                    .set("atr", i.atr());
            BollingerBands.Bands bands = i.bollinger();
            if (bands != null) {
                values.set("bb_middle", bands.middle()).set("bb_upper", bands.upper()).set("bb_lower", bands.lower())
                        .set("bb_percent_b", bands.percentB()).set("bb_bandwidth", bands.bandwidth());
            }
            MovingAverageConvergenceDivergence.Lines macd = i.macd();
            if (macd != null) {
                values.set("macd", macd.macd()).set("macd_signal", macd.signal()).set("macd_histogram", macd.histogram());
            }
            return values.row();
        }
        Anomaly a = (Anomaly) event;
        return new Values(ANOMALY, a.symbol(), a.interval(), a.startMicros())
                .set("close", a.close()).set("volume", a.volume()).set("kind", a.kind().label()).set("score", a.score())
                .set("value", a.value()).row();
    }

    /**
     * Trades of a symbol that came for bars already final, in one call: time is the watermark, the
     * count is in {@code trade_count}, the last one's sequence number in {@code value}.
     */
    static Row late(String symbol, long watermarkMicros, SymbolState.LateTrades late) {
        return new Values(LATE, symbol, "", watermarkMicros).set("trade_count", late.count())
                .set("value", (double) late.lastSequence()).row();
    }

    static List<Row> toRows(List<? extends AnalyticsEvent> events) {
        return events.stream().map(EventRows::toRow).toList();
    }

    /** One row's values by column name; the columns not set stay null. */
    private static final class Values {
        private final Object[] values = new Object[SCHEMA.size()];

        Values(String type, String symbol, String interval, long micros) {
            set("event", type).set("symbol", symbol).set("interval", interval).set(TIME_MICROS, micros);
        }

        Values set(String column, Object value) {
            values[SCHEMA.fieldIndex(column)] = value;
            return this;
        }

        Row row() {
            return RowFactory.create(values);
        }
    }
}
