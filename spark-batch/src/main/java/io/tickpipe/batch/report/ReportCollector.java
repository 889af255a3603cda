package io.tickpipe.batch.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.decode.UndecodableCounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings the analysis tables to the driver as the report's model: each symbol's chart at the screen's
 * resolution ({@link ChartResolution}, {@link ChartDownsampling}), the summary rows, the correlation
 * matrix and the reject counts. What it collects is bounded by the chart limits, not by the input.
 *
 * <p>Column names are those of the {@code bars/}, {@code indicators/}, {@code anomalies/},
 * {@code summary/}, {@code correlation/} and {@code rejects/} tables; timestamps may come as
 * {@link Timestamp} or {@link Instant} (either setting of {@code spark.sql.datetime.java8API.enabled}).
 */
public final class ReportCollector {
    private ReportCollector() {
    }

    /**
     * Every symbol's chart from the rows of {@code interval} (rows of other intervals are ignored),
     * sorted by symbol. Reads {@code bars} twice (their extent per symbol, then the candles): cache them
     * if they are costly to compute.
     *
     * @param bars {@code symbol, interval, time, open, high, low, close, volume, trade_count, vwap}
     * @param indicators {@code symbol, interval, time} and {@link ChartDownsampling#CHARTED_INDICATORS}
     * @param anomalies {@code symbol, interval, kind, time, score, close}
     * @param summaries the summary row of each symbol that has bars
     * @throws IllegalArgumentException if a symbol with bars has no summary row
     */
    public static List<SymbolReport> symbols(Dataset<Row> bars, Dataset<Row> indicators, Dataset<Row> anomalies,
                                             BarInterval interval, ZoneId zone, List<SummaryRow> summaries) {
        Dataset<Row> ownBars = bars.where(col("interval").equalTo(interval.label()));
        Map<String, DisplayInterval> display = displayIntervals(ownBars, interval);
        Map<String, SummaryRow> summaryOf = new HashMap<>();
        summaries.forEach(s -> summaryOf.put(s.symbol(), s));
        for (String symbol : display.keySet()) {
            if (!summaryOf.containsKey(symbol)) {
                throw new IllegalArgumentException("symbol " + symbol + " has " + interval + " bars but no summary row");
            }
        }

        Dataset<Row> candles = ChartDownsampling.bars(ownBars, display, zone);
        Dataset<Row> overlays = ChartDownsampling.indicators(
                indicators.where(col("interval").equalTo(interval.label())), display, zone);
        List<Column> columns = new ArrayList<>(List.of(candles.col("symbol"), candles.col("time"), col("open"), col("high"),
                col("low"), col("close"), col("volume")));
        ChartDownsampling.CHARTED_INDICATORS.forEach(indicator -> columns.add(col(indicator)));
        Map<String, List<Row>> rowsOf = bySymbol(candles
                .join(overlays, candles.col("symbol").equalTo(overlays.col("symbol"))
                        .and(candles.col("time").equalTo(overlays.col("time"))), "left")
                .select(columns.toArray(Column[]::new))
                .orderBy(col("symbol"), col("time"))
                .collectAsList());
        Map<String, List<Row>> anomaliesOf = bySymbol(ChartDownsampling.cappedAnomalies(
                        anomalies.where(col("interval").equalTo(interval.label())), ChartDownsampling.ANOMALY_CAP)
                .select("symbol", "time", "kind", "score", "close", "anomaly_count")
                .orderBy("symbol", "time", "kind")
                .collectAsList());

        List<SymbolReport> reports = new ArrayList<>();
        for (Map.Entry<String, DisplayInterval> e : display.entrySet()) {
            String symbol = e.getKey();
            List<Candle> chart = new ArrayList<>();
            // One series per charted indicator, in the order of CHARTED_INDICATORS.
            List<List<Double>> series = new ArrayList<>();
            ChartDownsampling.CHARTED_INDICATORS.forEach(indicator -> series.add(new ArrayList<>()));
            for (Row r : rowsOf.getOrDefault(symbol, List.of())) {
                chart.add(new Candle(instant(r.get(1)).toEpochMilli(), r.getDouble(2), r.getDouble(3),
                        r.getDouble(4), r.getDouble(5), r.getDouble(6)));
                for (int i = 0; i < series.size(); i++) {
                    series.get(i).add(nullableDouble(r, 7 + i));
                }
            }
            List<AnomalyMark> marks = new ArrayList<>();
            long anomalyCount = 0;
            for (Row r : anomaliesOf.getOrDefault(symbol, List.of())) {
                marks.add(new AnomalyMark(instant(r.get(1)).toEpochMilli(), r.getString(2), r.getDouble(3),
                        r.getDouble(4)));
                anomalyCount = r.getLong(5);
            }
            reports.add(new SymbolReport(symbol, interval.label(), e.getValue().label(), chart, series.get(0), series.get(1),
                    series.get(2), series.get(3), series.get(4), series.get(5), series.get(6), series.get(7), series.get(8),
                    marks, anomalyCount, summaryOf.get(symbol)));
        }
        return reports;
    }

    /**
     * The rows of the {@code summary/} table ({@code symbol, interval, first_time, last_time, open, high,
     * low, close, volume, trade_count, vwap, total_return, log_return_mean, log_return_stddev,
     * annualized_volatility, annualization_factor, max_drawdown, drawdown_peak_time,
     * drawdown_trough_time, anomalies, anomalies_by_kind, bar_count}), sorted by symbol.
     */
    public static List<SummaryRow> summaries(Dataset<Row> summary) {
        List<SummaryRow> rows = new ArrayList<>();
        for (Row r : summary.orderBy("symbol").collectAsList()) {
            Map<String, Long> byKind = new TreeMap<>();
            Map<Object, Object> kinds = r.isNullAt(r.fieldIndex("anomalies_by_kind")) ? Map.of()
                    : r.getJavaMap(r.fieldIndex("anomalies_by_kind"));
            kinds.forEach((k, v) -> byKind.put((String) k, ((Number) v).longValue()));
            rows.add(new SummaryRow(r.getAs("symbol"), r.getAs("interval"), instant(r.getAs("first_time")),
                    instant(r.getAs("last_time")), r.getAs("open"), r.getAs("high"), r.getAs("low"),
                    r.getAs("close"), r.getAs("volume"), nullableLong(r, "trade_count"), r.getAs("vwap"),
                    r.getAs("total_return"), r.getAs("log_return_mean"), r.getAs("log_return_stddev"),
                    r.getAs("annualized_volatility"), r.<Double>getAs("annualization_factor"),
                    r.getAs("max_drawdown"), instant(r.getAs("drawdown_peak_time")),
                    instant(r.getAs("drawdown_trough_time")), nullableLong(r, "anomalies"), byKind,
                    nullableLong(r, "bar_count")));
        }
        return rows;
    }

    /**
     * The matrix of {@code symbols} from the {@code correlation/} table ({@code symbol_a, symbol_b,
     * correlation, observations}), see {@link CorrelationMatrix#fromPairs}.
     */
    public static CorrelationMatrix correlation(Dataset<Row> correlation, List<String> symbols) {
        List<CorrelationMatrix.Cell> pairs = new ArrayList<>();
        for (Row r : correlation.select("symbol_a", "symbol_b", "correlation", "observations").collectAsList()) {
            pairs.add(new CorrelationMatrix.Cell(r.getString(0), r.getString(1), nullableDouble(r, 2),
                    ((Number) r.get(3)).longValue()));
        }
        return CorrelationMatrix.fromPairs(symbols, pairs);
    }

    /**
     * Reject counts: the lines of the {@code rejects/} table ({@code source, reason}) per file and reason,
     * then the undecodable Kafka or archive records per topic and reason.
     */
    public static RejectedInput rejects(Dataset<Row> rejects, List<UndecodableCounts.Count> undecodable) {
        List<RejectedInput.Count> counts = new ArrayList<>();
        for (Row r : rejects.groupBy("source", "reason").count().orderBy("source", "reason").collectAsList()) {
            counts.add(new RejectedInput.Count(r.getString(0), r.getString(1), r.getLong(2)));
        }
        for (UndecodableCounts.Count c : undecodable) {
            counts.add(new RejectedInput.Count("kafka " + c.topic(), c.reason(), c.records()));
        }
        return new RejectedInput(counts);
    }

    private static Map<String, DisplayInterval> displayIntervals(Dataset<Row> bars, BarInterval interval) {
        Map<String, DisplayInterval> display = new LinkedHashMap<>();
        for (Row r : bars.groupBy("symbol").agg(count(lit(1)), min("time"), max("time")).orderBy("symbol")
                .collectAsList()) {
            display.put(r.getString(0), ChartResolution.choose(interval, r.getLong(1), instant(r.get(2)),
                    instant(r.get(3))));
        }
        return display;
    }

    private static Map<String, List<Row>> bySymbol(List<Row> rows) {
        Map<String, List<Row>> grouped = new HashMap<>();
        rows.forEach(r -> grouped.computeIfAbsent(r.getString(0), s -> new ArrayList<>()).add(r));
        return grouped;
    }

    private static Double nullableDouble(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }

    private static Long nullableLong(Row r, String column) {
        Object value = r.getAs(column);
        return value == null ? null : ((Number) value).longValue();
    }
}
