package io.tickpipe.spark.influx;

import com.influxdb.client.write.Point;
import java.io.Serializable;

/**
 * Turns one row into the points it contributes, on the executors: none, one ({@code List.of(point)})
 * or several (a bar row giving a price and a volume measurement). Each point needs an explicit
 * timestamp, from the row, never the clock: a re-run task must produce the same points.
 */
@FunctionalInterface
public interface PointMapper<T> extends Serializable {
    Iterable<Point> toPoints(T row);
}
