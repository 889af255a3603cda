package io.tickpipe.spark.influx;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;

/**
 * Writes a Dataset to InfluxDB from the executors: one {@link InfluxPointWriter} per partition,
 * points sent in batches of {@code batchSize} as they are mapped, the writer closed at the end.
 *
 * <p>{@link #write} returns only when every point is stored. A write that fails after its retries
 * fails the task, hence the Spark job (or the streaming micro-batch, which is then not committed
 * and runs again): nothing is lost silently. Points already written by a failed or re-run task are
 * simply written again, which overwrites them, because points are keyed by measurement, tags and
 * their explicit timestamp.
 */
public final class InfluxSink {

    private InfluxSink() {
    }

    /** Maps each row with {@code mapper} and writes the points; blocks until done, throws when not. */
    public static <T> void write(Dataset<T> rows, InfluxConfig config, PointMapper<T> mapper) {
        rows.foreachPartition((ForeachPartitionFunction<T>) partition -> writePartition(partition, config, mapper));
    }

    /** The work of one partition; also usable on the driver for rows already there. */
    static <T> void writePartition(Iterator<T> rows, InfluxConfig config, PointMapper<T> mapper) {
        if (!rows.hasNext()) {
            return; // no client for an empty partition
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            List<Point> batch = new ArrayList<>(Math.min(config.batchSize(), 10_000));
            while (rows.hasNext()) {
                for (Point point : mapper.toPoints(rows.next())) {
                    batch.add(point);
                    if (batch.size() == config.batchSize()) {
                        writer.write(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                writer.write(batch);
            }
        }
    }
}
