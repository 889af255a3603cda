package io.tickpipe.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.StructField;

/**
 * The market transformations over a Dataset of trades, the same for the streaming job and the
 * batch job: per symbol and interval, OHLCV bars with VWAP, and for each final bar its session VWAP,
 * SMA, EMA, RSI, Bollinger Bands, MACD, ATR and anomalies.
 *
 * <p>{@link #analyze} returns one Dataset of events; {@link #bars}, {@link #indicators} and
 * {@link #anomalies} project it onto what the InfluxDB sink writes as measurements {@code bars},
 * {@code indicators} and {@code anomalies}.
 */
public final class MarketAnalytics {
    private static final String EVENT_MICROS = "event_micros";

    private MarketAnalytics() {
    }

    /**
     * Events of {@code trades} (columns {@code symbol} string, {@code price} and {@code size} double,
     * {@code event_time} timestamp, {@code sequence} long; others are ignored). Only trades within
     * {@link AnalyticsConfig#sessionHours()} count.
     *
     * <p>Streaming: applies {@code withWatermark("event_time", config.watermark())}; Spark drops trades
     * older than the watermark and counts them in {@code stateOperators[].numRowsDroppedByWatermark}.
     * Each micro-batch emits the bars its trades touched that are still open ({@code final} false),
     * then every bar the watermark has passed ({@code final} true) with its indicators and anomalies.
     * Output mode Append.
     *
     * <p>Batch: each symbol's trades are read in time order ({@link BatchAnalyticsFunction}); every
     * bar is final, each symbol's last one at the end of the input; only final bars are emitted.
     *
     * <p>Columns: {@code event} ("bar", "indicators", "anomaly", and when streaming "late", see
     * {@link #lateTrades}), {@code symbol}, {@code interval},
     * {@code time} (bar start), then the union of the columns of the three projections, null where an
     * event kind does not have one.
     */
    public static Dataset<Row> analyze(Dataset<Row> trades, AnalyticsConfig config) {
        Dataset<Row> input = trades
                .select(col("symbol"), col("price").cast("double"), col("size").cast("double"),
                        col("event_time"), col("sequence").cast("long"))
                .where(col("symbol").isNotNull());
        if (!trades.isStreaming()) {
            return inTimeOrder(input.select(col("symbol"), unix_micros(col("event_time")).as(EVENT_MICROS),
                    col("sequence"), col("price"), col("size")), config, BatchAnalyticsFunction.Input.TRADES);
        }
        Dataset<Row> events = input
                .withWatermark("event_time", config.watermark())
                .withColumn(EVENT_MICROS, unix_micros(col("event_time")))
                .groupByKey((MapFunction<Row, String>) trade -> trade.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(
                        new AnalyticsStateFunction(config),
                        OutputMode.Append(),
                        // Java serialization: the state is a small graph of plain Serializable classes (BigDecimal
                        // sums, tree maps, ring buffers) that a bean encoder cannot express; unlike Kryo's field
                        // serializer it has serialVersionUID and tolerates added fields, so a checkpoint
                        // survives compatible changes to these classes. The price: its class descriptors in
                        // every symbol's state, read and written for each symbol that trades in a micro-batch
                        // (docs/performance.md, Freshness).
                        Encoders.javaSerialization(SymbolState.class),
                        Encoders.row(EventRows.SCHEMA),
                        GroupStateTimeout.EventTimeTimeout());
        return withTimes(events);
    }

    /**
     * The same events from bars rather than trades, as bar files give them (a batch; columns {@code
     * symbol} string, {@code time} timestamp (bar start), {@code open, high, low, close, volume}
     * double): each interval's bars merge the input's bars, so an interval must not be finer than
     * the input's bars. Bars carry no trade count and no notional, so {@code trade_count},
     * {@code vwap} and {@code session_vwap} are null. Only bars starting within
     * {@link AnalyticsConfig#sessionHours()} count.
     */
    public static Dataset<Row> analyzeBars(Dataset<Row> bars, AnalyticsConfig config) {
        if (bars.isStreaming()) {
            throw new IllegalArgumentException("bars are analysed in a batch only");
        }
        return inTimeOrder(bars.where(col("symbol").isNotNull())
                .select(col("symbol"), unix_micros(col("time")).as(EVENT_MICROS), col("open").cast("double"),
                        col("high").cast("double"), col("low").cast("double"), col("close").cast("double"),
                        col("volume").cast("double")), config, BatchAnalyticsFunction.Input.BARS);
    }

    /** Each symbol's rows in one partition, in time order, through {@link BatchAnalyticsFunction}. */
    private static Dataset<Row> inTimeOrder(Dataset<Row> rows, AnalyticsConfig config, BatchAnalyticsFunction.Input input) {
        Dataset<Row> events = rows.repartition(col("symbol"))
                .sortWithinPartitions(col("symbol"), col(EVENT_MICROS))
                .mapPartitions(new BatchAnalyticsFunction(config, input), Encoders.row(EventRows.SCHEMA));
        return withTimes(events);
    }

    private static Dataset<Row> withTimes(Dataset<Row> events) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : EventRows.SCHEMA.fields()) {
            columns.add(field.name().equals(EventRows.TIME_MICROS)
                    ? timestamp_micros(col(EventRows.TIME_MICROS)).as("time")
                    : col(field.name()));
        }
        return events.select(columns.toArray(Column[]::new));
    }

    /**
     * Bars: {@code symbol, interval, time, open, high, low, close, volume, trade_count, vwap, final}.
     */
    public static Dataset<Row> bars(Dataset<Row> events) {
        return project(events, EventRows.BAR, "symbol", "interval", "time", "open", "high", "low",
                "close", "volume", "trade_count", "vwap", "final");
    }

    /**
     * Indicators of final bars: {@code symbol, interval, time, session_vwap, sma, ema, rsi, bb_middle,
     * bb_upper, bb_lower, bb_percent_b, bb_bandwidth, macd, macd_signal, macd_histogram, atr}; each is
     * null while warming up, and {@code bb_percent_b} also when the bands have no width (a flat window).
     * {@link IndicatorFields} names them for storage.
     */
    public static Dataset<Row> indicators(Dataset<Row> events) {
        return project(events, EventRows.INDICATORS, "symbol", "interval", "time", "session_vwap", "sma",
                "ema", "rsi", "bb_middle", "bb_upper", "bb_lower", "bb_percent_b", "bb_bandwidth", "macd",
                "macd_signal", "macd_histogram", "atr");
    }

    /**
     * Anomalies of final bars: {@code symbol, interval, kind, time, score, close, volume, value};
     * kind is "return" (value = log return) or "volume" (value = log volume).
     */
    public static Dataset<Row> anomalies(Dataset<Row> events) {
        return project(events, EventRows.ANOMALY, "symbol", "interval", "kind", "time", "score", "close",
                "volume", "value");
    }

    /**
     * Trades that came for a bar already final (streaming only: Spark's watermark filter drops most
     * late trades itself, a micro-batch behind the watermark that closes bars): per symbol and
     * micro-batch, {@code late_trades} with {@code time} = the watermark and {@code last_sequence}.
     */
    public static Dataset<Row> lateTrades(Dataset<Row> events) {
        return events.where(col("event").equalTo(EventRows.LATE))
                .select(col("symbol"), col("time"), col("trade_count").as("late_trades"),
                        col("value").cast("long").as("last_sequence"));
    }

    private static Dataset<Row> project(Dataset<Row> events, String type, String... columns) {
        Column[] selected = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            selected[i] = col(columns[i]);
        }
        return events.where(col("event").equalTo(type)).select(selected);
    }
}
