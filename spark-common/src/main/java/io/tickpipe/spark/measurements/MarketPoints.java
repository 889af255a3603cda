package io.tickpipe.spark.measurements;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The InfluxDB measurements both Spark jobs write, one method per kind of row. Every point has an
 * explicit time derived from the data, never the wall clock, so writing a row again overwrites
 * its point instead of adding one (InfluxDB keys a point by measurement, tags and time).
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
     * A decoded Trade. Event times are microseconds, so a point's nanosecond time has three spare
     * digits: they hold the sequence number modulo 1000, which keeps trades of one symbol within
     * the same microsecond apart (up to 1000 of them) and the time still deterministic.
     */
    public static List<Point> trade(Row row) {
        Point point = Point.measurement(TRADES)
                .addTag("symbol", row.getAs("symbol"))
                .addField("price", (double) row.getAs("price"))
                .addField("size", (double) row.getAs("size"))
                .addField("sequence", (long) row.getAs("sequence"))
                .addField("trade_id", (String) row.getAs("trade_id"))
                .addField("exchange", (String) row.getAs("exchange"))
                .addField("currency", (String) row.getAs("currency"))
                .time(distinctNanos(row.getAs("event_time"), row.getAs("sequence")), WritePrecision.NS);
        return List.of(point);
    }

    /** A decoded Quote with its spread (ask - bid); times as for {@link #trade}. */
    public static List<Point> quote(Row row) {
        double bid = row.getAs("bid");
        double ask = row.getAs("ask");
        Point point = Point.measurement(QUOTES)
                .addTag("symbol", row.getAs("symbol"))
                .addField("bid", bid)
                .addField("ask", ask)
                .addField("bid_size", (double) row.getAs("bid_size"))
                .addField("ask_size", (double) row.getAs("ask_size"))
                .addField("spread", ask - bid)
                .addField("sequence", (long) row.getAs("sequence"))
                .addField("exchange", (String) row.getAs("exchange"))
                .time(distinctNanos(row.getAs("event_time"), row.getAs("sequence")), WritePrecision.NS);
        return List.of(point);
    }

    /**
     * Records of one topic that went to the dead-letter topic in one micro-batch, by reason. Timed
     * at the newest such record's Kafka timestamp plus the batch id in the spare nanoseconds, so a
     * batch run again overwrites its own count and two batches never share a point.
     */
    public static Point deadLetters(String query, String topic, String reason, long records, Instant newest, long batchId) {
        return Point.measurement(PIPELINE)
                .addTag("query", query)
                .addTag("topic", topic)
                .addTag("reason", reason)
                .addField("dead_letters", records)
                .time(nanos(newest) + Math.floorMod(batchId, 1_000_000L), WritePrecision.NS);
    }

    static long distinctNanos(Object eventTime, long sequence) {
        return nanos(instant(eventTime)) + Math.floorMod(sequence, 1000L);
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
