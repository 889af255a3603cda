package io.tickpipe.spark.influx;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;

/**
 * Writes a Dataset to InfluxDB from the executors: one {@link InfluxPointWriter} per partition,
 * points sent in batches of {@code batchSize}, each while the next is mapped, the writer closed at
 * the end.
 *
 * <p>{@link #write} returns only when every point is stored. A write that fails after its retries
 * fails the task, hence the Spark job (or the streaming micro-batch, which is then not committed
 * and runs again): nothing is lost silently. Points already written by a failed or re-run task are
 * simply written again, which overwrites them, because points are keyed by measurement, tags and
 * their explicit timestamp.
 */
public final class InfluxSink {

    /**
     * Threads that send the partitions' batches, created as needed, daemons (they must not keep an
     * executor's JVM alive), idle ones ended after a minute.
     */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "influx-sink-sender");
        thread.setDaemon(true);
        return thread;
    });

    private InfluxSink() {
    }

    /** Maps each row with {@code mapper} and writes the points; blocks until done, throws when not. */
    public static <T> void write(Dataset<T> rows, InfluxConfig config, PointMapper<T> mapper) {
        rows.foreachPartition((ForeachPartitionFunction<T>) partition -> writePartition(partition, config, mapper));
    }

    /**
     * The work of one partition; also usable on the driver for rows already there. While one batch is
     * being sent (on a {@link #SENDERS} thread), the task maps the rows of the next: the task does not
     * wait for InfluxDB, and InfluxDB does not wait for the task. One request at a time per partition,
     * in order: the writer is used by one thread after the other, never by two at once.
     */
    static <T> void writePartition(Iterator<T> rows, InfluxConfig config, PointMapper<T> mapper) {
        if (!rows.hasNext()) {
            return; // no client for an empty partition
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            Future<?> inFlight = CompletableFuture.completedFuture(null);
            List<Point> batch = new ArrayList<>(Math.min(config.batchSize(), 10_000));
            try {
                while (rows.hasNext()) {
                    for (Point point : mapper.toPoints(rows.next())) {
                        batch.add(point);
                        if (batch.size() == config.batchSize()) {
                            inFlight = sendAfter(inFlight, writer, batch);
                            batch = new ArrayList<>(batch.size());
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    inFlight = sendAfter(inFlight, writer, batch);
                }
                await(inFlight);
            } finally {
                inFlight.cancel(true); // a failed mapping, an interrupted task: no request outlives the task
            }
        }
    }

    /** Waits for the request in flight (throwing its failure), then sends {@code batch} on a sender thread. */
    private static Future<?> sendAfter(Future<?> inFlight, InfluxPointWriter writer, List<Point> batch) {
        await(inFlight);
        return SENDERS.submit(() -> writer.write(batch));
    }

    private static void await(Future<?> request) {
        try {
            request.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // InfluxWriteException, or a bad point's IllegalArgumentException, as it was thrown
            }
            throw new IllegalStateException("sending points to InfluxDB failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while points were being sent to InfluxDB", e);
        }
    }
}
