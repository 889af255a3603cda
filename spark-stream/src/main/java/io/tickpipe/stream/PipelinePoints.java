package io.tickpipe.stream;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import java.util.List;

/** The driver's own writer for the few `pipeline` points per micro-batch; opened on first use. */
final class PipelinePoints implements AutoCloseable {

    private final InfluxConfig config;
    private InfluxPointWriter writer;

    PipelinePoints(InfluxConfig config) {
        this.config = config;
    }

    synchronized void write(List<Point> points) {
        if (writer == null) {
            writer = InfluxPointWriters.create(config);
        }
        writer.write(points);
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
