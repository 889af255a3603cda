package io.tickpipe.spark.influx;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.influx.LineBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * Writes a Dataset to InfluxDB from the executors: one {@link InfluxPointWriter} per partition,
 * points sent in batches of {@code batchSize}, each while the next is mapped, the writer closed at
 * the end. Rows become Points ({@link #write}), or, where rows are many and alike, line protocol
 * written straight from Spark's internal rows ({@link #writeLines}).
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
     * Writes each row's lines, made by the mapper {@code mapperForSchema} gives for the Dataset's
     * schema, straight from Spark's internal rows: no external Row, no Point. Batches, concurrency,
     * retries and failures as {@link #write}; blocks until done, throws when not.
     */
    public static <T> void writeLines(Dataset<T> rows, InfluxConfig config, Function<StructType, LineMapper> mapperForSchema) {
        LineMapper mapper = mapperForSchema.apply(rows.schema());
        QueryExecution execution = rows.queryExecution();
        VoidFunction<Iterator<InternalRow>> perPartition = partition -> writeLinePartition(partition, config, mapper);
        // Run as a Dataset action runs (Dataset.foreachPartition does the same): a SQL execution of
        // its own, whose end tells listeners, so an Observation on the rows (the ingest query's
        // undecodable counts) gets its metrics; a bare RDD job would leave it waiting forever.
        SQLExecution.withNewExecutionId(execution, Option.apply("InfluxSink.writeLines"), new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                execution.executedPlan().resetMetrics(); // a Dataset written twice counts each run alone
                execution.toRdd().toJavaRDD().foreachPartition(perPartition);
                return BoxedUnit.UNIT;
            }
        });
    }

    /**
     * The work of one partition of {@link #writeLines}, as {@link #writePartition} for points: one
     * batch filled while the one before is sent, the two batches' memory used in turn.
     */
    static void writeLinePartition(Iterator<InternalRow> rows, InfluxConfig config, LineMapper mapper) {
        if (!rows.hasNext()) {
            return;
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            Future<?> inFlight = CompletableFuture.completedFuture(null);
            LineBatch filling = new LineBatch();
            LineBatch sending = new LineBatch();
            try {
                while (rows.hasNext()) {
                    mapper.appendLines(rows.next(), filling);
                    if (filling.lines() >= config.batchSize()) {
                        // sendAfter waits until the batch sent before is stored: then it can be filled anew.
                        LineBatch batch = filling;
                        inFlight = sendAfter(inFlight, () -> writer.writeLines(batch));
                        filling = sending;
                        filling.clear();
                        sending = batch;
                    }
                }
                if (!filling.isEmpty()) {
                    LineBatch batch = filling;
                    inFlight = sendAfter(inFlight, () -> writer.writeLines(batch));
                }
                await(inFlight);
            } finally {
                inFlight.cancel(true);
            }
        }
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
                            List<Point> full = batch;
                            inFlight = sendAfter(inFlight, () -> writer.write(full));
                            batch = new ArrayList<>(batch.size());
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    List<Point> last = batch;
                    inFlight = sendAfter(inFlight, () -> writer.write(last));
                }
                await(inFlight);
            } finally {
                inFlight.cancel(true); // a failed mapping, an interrupted task: no request outlives the task
            }
        }
    }

    /** Waits for the request in flight (throwing its failure), then makes {@code request} on a sender thread. */
    private static Future<?> sendAfter(Future<?> inFlight, Runnable request) {
        await(inFlight);
        return SENDERS.submit(request);
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
