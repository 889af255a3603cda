package io.tickpipe.influx;

import com.influxdb.client.write.Point;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What both writers share: points become nanosecond line protocol ({@link LineProtocol}, so V1 and
 * V2 send the same bytes; no default tags: a tag added here would change a point's identity and
 * break overwrites), are split into batches, and each batch is sent under the {@link RetryPolicy};
 * lines made ready in a {@link LineBatch} are split and sent the same way.
 */
abstract class BatchedPointWriter implements InfluxPointWriter {
    private final int batchSize;
    private final RetryPolicy retryPolicy;

    BatchedPointWriter(InfluxConfig config) {
        this.batchSize = config.batchSize();
        this.retryPolicy = RetryPolicy.of(config);
    }

    /**
     * Sends {@code length} bytes of lines ('\n' between them) from {@code offset} in one request; a
     * failure says whether it is worth retrying.
     */
    abstract void send(byte[] body, int offset, int length) throws RetryPolicy.Failure;

    /** Where the points go, for messages: URL and database or bucket, never credentials. */
    abstract String target();

    @Override
    public final void write(List<Point> points) {
        // All converted first, so a bad point fails the call before any request is made.
        List<String> lines = new ArrayList<>(points.size());
        for (Point point : points) {
            lines.add(nanosecondLine(point));
        }
        for (int from = 0; from < lines.size(); from += batchSize) {
            byte[] body = String.join("\n", lines.subList(from, Math.min(from + batchSize, lines.size())))
                    .getBytes(StandardCharsets.UTF_8);
            retryPolicy.run(target(), () -> send(body, 0, body.length));
        }
    }

    @Override
    public final void writeLines(LineBatch lines) {
        byte[] body = lines.array();
        for (int from = 0; from < lines.lines(); from += batchSize) {
            int start = lines.lineStart(from);
            int end = lines.lineEnd(Math.min(from + batchSize, lines.lines()) - 1);
            retryPolicy.run(target(), () -> send(body, start, end - start));
        }
    }

    private static String nanosecondLine(Point point) {
        if (point.getTime() == null) {
            throw new IllegalArgumentException("point without timestamp: " + point.toLineProtocol()
                    + " (set Point.time(...) so that writing it again overwrites instead of adding a point)");
        }
        if (!point.hasFields()) {
            throw new IllegalArgumentException("point without fields (InfluxDB cannot store it): tags "
                    + point.getTags() + ", time " + point.getTime() + " " + point.getPrecision());
        }
        return LineProtocol.line(point);
    }
}
