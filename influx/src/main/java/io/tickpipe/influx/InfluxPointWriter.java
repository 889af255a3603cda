package io.tickpipe.influx;

import com.influxdb.client.write.Point;
import java.util.List;

/**
 * Writes points to InfluxDB, blocking until they are stored. Made by
 * {@link InfluxPointWriters#create(InfluxConfig)}; not thread-safe; close it when done.
 *
 * <p>Every point must carry its timestamp (any {@code WritePrecision}; it is sent in nanoseconds):
 * the server would otherwise stamp its arrival time, and writing the same point again (a retried
 * Spark task, a replayed micro-batch) would add a second point instead of overwriting the first.
 */
public interface InfluxPointWriter extends AutoCloseable {

    /**
     * Writes {@code points} in requests of at most {@code batchSize} points, each retried on IO
     * errors, 5xx and 429 as configured. Returns when all are written. When it throws, earlier
     * requests of this call may have been stored: write the same points again, which overwrites.
     *
     * @throws IllegalArgumentException a point without timestamp or fields; nothing was sent
     * @throws InfluxWriteException the server refused a request, or failed through every retry
     */
    void write(List<Point> points);

    /**
     * Writes lines made ready by the caller, as {@link #write} writes points: in requests of at most
     * {@code batchSize} lines, each retried as configured, the same bytes a Point with the same values
     * would give. Returns when all are written; the batch is not changed (the caller may then clear
     * it). When it throws, earlier requests of this call may have been stored, as for {@link #write}.
     *
     * @throws InfluxWriteException the server refused a request, or failed through every retry
     */
    void writeLines(LineBatch lines);

    @Override
    void close();
}
