package io.tickpipe.spark.measurements;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.IndicatorFields;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.influx.PointMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The InfluxDB measurements both Spark jobs write, one method per kind of row (the raw trades and
 * quotes as lines: {@link RawPointLines}). Every point has an explicit time derived from the data,
 * never the wall clock, so writing a row again overwrites its point instead of adding one (InfluxDB
 * keys a point by measurement, tags and time).
 */
public final class MarketPoints {

    public static final String TRADES = "trades";
    public static final String QUOTES = "quotes";
    public static final String BARS = "bars";
    public static final String INDICATORS = "indicators";
    public static final String ANOMALIES = "anomalies";
    public static final String PIPELINE = "pipeline";

    private MarketPoints() {
    }

    /**
     * The rows of {@link MarketAnalytics#analyze}: a bar, a bar's indicators (fields named by
     * {@link IndicatorFields}, e.g. {@code sma_20}; absent while warming up) or an anomaly, timed at the
     * bar's start, so a live bar's later updates and its final value overwrite one point; and trades
     * that came too late for a final bar, counted in {@code pipeline} as {@code late_rows_dropped}
     * of {@code stream} (next to the ones Spark's watermark filter dropped).
     */
    public static PointMapper<Row> analytics(AnalyticsConfig config, String stream) {
        Map<String, String> indicatorFields = IndicatorFields.of(config);
        return row -> {
            String event = row.getAs("event");
            long time = nanos(instant(row.getAs("time")));
            if (event.equals("late")) {
                return List.of(lateTrades(stream, row.getAs("symbol"), row.getAs("trade_count"), time,
                        ((Double) row.getAs("value")).longValue()));
            }
            Point point;
            switch (event) {
                case "bar" -> {
                    point = Point.measurement(BARS);
                    addDoubles(point, row, "open", "high", "low", "close", "volume", "vwap");
                    Long tradeCount = row.getAs("trade_count");
                    if (tradeCount != null) {
                        // Bars from bar files have no count: the field is left out, not 0.
                        point.addField("trade_count", tradeCount);
                    }
                    point.addField("final", (Boolean) row.getAs("final"));
                }
                case "indicators" -> {
                    Point indicators = Point.measurement(INDICATORS);
                    indicatorFields.forEach((column, field) -> addDouble(indicators, field, row.getAs(column)));
                    point = indicators;
                }
                case "anomaly" -> {
                    point = Point.measurement(ANOMALIES).addTag("kind", row.getAs("kind"));
                    addDoubles(point, row, "score", "close", "volume", "value");
                }
                default -> throw new IllegalArgumentException("unknown analytics event '" + event + "' in " + row);
            }
            point.addTag("symbol", row.getAs("symbol"))
                    .addTag("interval", row.getAs("interval"))
                    .time(time, WritePrecision.NS);
            // Indicators of a bar still warming up may have no field at all: InfluxDB refuses such a point.
            return point.hasFields() ? List.of(point) : List.of();
        };
    }

    /**
     * Timed at the watermark plus the last late trade's sequence number in the spare nanoseconds: a
     * micro-batch run again overwrites its count, two micro-batches do not share a point.
     */
    static Point lateTrades(String stream, String symbol, long count, long watermarkNanos, long lastSequence) {
        return Point.measurement(PIPELINE)
                .addTag("stream", stream)
                .addTag("symbol", symbol)
                .addField("late_rows_dropped", count)
                .time(watermarkNanos + Math.floorMod(lastSequence, 1_000_000L), WritePrecision.NS);
    }

    private static void addDoubles(Point point, Row row, String... columns) {
        for (String column : columns) {
            addDouble(point, column, row.getAs(column));
        }
    }

    private static void addDouble(Point point, String field, Double value) {
        if (value != null && Double.isFinite(value)) {
            point.addField(field, value);
        }
    }

    /**
     * Records of one topic that went to the dead-letter topic in one micro-batch, by reason. Timed
     * at the newest such record's Kafka timestamp plus the batch id in the spare nanoseconds, so a
     * batch run again overwrites its own count and two batches never share a point.
     */
    public static Point deadLetters(String stream, String topic, String reason, long records, Instant newest, long batchId) {
        return perTopicAndReason(stream, topic, reason).addField("dead_letters", records)
                .time(nanos(newest) + Math.floorMod(batchId, 1_000_000L), WritePrecision.NS);
    }

    /**
     * Records of one topic a batch run could not decode, by reason: counted, not sent to the
     * dead-letter topic again (the streaming job did that when they arrived). Timed at the newest
     * such record's Kafka timestamp, so the same run again overwrites its count.
     */
    public static Point undecodable(String stream, String topic, String reason, long records, Instant newest) {
        return perTopicAndReason(stream, topic, reason).addField("undecodable_records", records)
                .time(nanos(newest), WritePrecision.NS);
    }

    private static Point perTopicAndReason(String stream, String topic, String reason) {
        return Point.measurement(PIPELINE).addTag("stream", stream).addTag("topic", topic).addTag("reason", reason);
    }

    /** Spark hands timestamps as java.sql.Timestamp, or as Instant with spark.sql.datetime.java8API.enabled. */
    public static Instant instant(Object timestamp) {
        if (timestamp instanceof Instant instant) {
            return instant;
        }
        return ((Timestamp) timestamp).toInstant();
    }

    public static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
