package io.tickpipe.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.ArrayList;
import java.util.List;

/** Points for the writer tests. */
public final class TestPoints {
    /** 2026-01-05T14:30:00.123456789Z: nanoseconds that a millisecond or microsecond path would lose. */
    public static final long BASE_NANOS = 1_767_623_400_123_456_789L;

    private TestPoints() {
    }

    /** Tags and a measurement that need every escape of line protocol, and one field of each type. */
    public static Point awkward(long nanos) {
        return Point.measurement("quote stats,v1")
                .addTag("symbol", "BRK A,B=C")
                .addTag("exchange", "NYSE")
                .addField("price", 412_345.6789)
                .addField("size", 9_007_199_254_740_993L) // beyond a double's exact integers
                .addField("halted", true)
                .addField("note", "said \"hi\", then \\left")
                .time(nanos, WritePrecision.NS);
    }

    /** {@code count} points of measurement {@code name}, one per nanosecond from {@link #BASE_NANOS}. */
    public static List<Point> series(String name, int count) {
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(Point.measurement(name).addTag("symbol", "AAPL").addField("value", i + 0.5)
                    .time(BASE_NANOS + i, WritePrecision.NS));
        }
        return points;
    }
}
