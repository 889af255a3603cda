package io.tickpipe.spark.influx;

import io.tickpipe.influx.LineBatch;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes the line protocol of one row, as Spark holds it inside (an {@link InternalRow}: strings as
 * UTF-8, timestamps as microseconds), straight into a {@link LineBatch}, on the executors: for rows
 * that are too many to pay for an external Row and a Point each. The lines' times come from the row,
 * never the clock, as a {@link PointMapper}'s. Made on the driver from the Dataset's schema (see
 * {@link InfluxSink#writeLines}), so it knows the columns' positions.
 */
@FunctionalInterface
public interface LineMapper extends Serializable {
    void appendLines(InternalRow row, LineBatch lines);
}
