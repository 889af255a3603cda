package io.tickpipe.stream;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.spark.measurements.MarketPoints;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every micro-batch's progress as a {@code pipeline} point: input rows and rates, batch duration,
 * offsets behind the latest, records dropped as later than the watermark, state size, and how far
 * the newest event time lags the wall clock. Best effort: a point that cannot be written is logged
 * and skipped, because the listener must never stop the data (whose writes are retried and
 * guaranteed) for the sake of its own metrics.
 */
final class PipelineMetrics extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

    private final PipelinePoints points;

    PipelineMetrics(PipelinePoints points) {
        this.points = points;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        try {
            points.write(List.of(point(event.progress())));
        } catch (RuntimeException e) {
            LOG.warn("pipeline metrics of query {} batch {} not written: {}", event.progress().name(),
                    event.progress().batchId(), e.getMessage());
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    static Point point(StreamingQueryProgress progress) {
        Instant time = Instant.parse(progress.timestamp());
        Point point = Point.measurement(MarketPoints.PIPELINE)
                .addTag("stream", String.valueOf(progress.name()))
                .addField("batch_id", progress.batchId())
                .addField("input_rows", progress.numInputRows())
                .addField("input_rows_per_second", finite(progress.inputRowsPerSecond()))
                .addField("processed_rows_per_second", finite(progress.processedRowsPerSecond()))
                .time(time.toEpochMilli(), WritePrecision.MS);
        Long duration = progress.durationMs().get("triggerExecution");
        if (duration != null) {
            point.addField("batch_duration_ms", duration);
        }
        long behind = offsetsBehind(progress.sources());
        if (behind >= 0) {
            point.addField("offsets_behind", behind);
        }
        long dropped = 0;
        long stateRows = 0;
        for (StateOperatorProgress state : progress.stateOperators()) {
            dropped += state.numRowsDroppedByWatermark();
            stateRows += state.numRowsTotal();
        }
        if (progress.stateOperators().length > 0) {
            point.addField("late_rows_dropped", dropped);
            point.addField("state_rows", stateRows);
        }
        String newest = progress.eventTime().get("max");
        if (newest != null) {
            point.addField("event_time_lag_ms", time.toEpochMilli() - Instant.parse(newest).toEpochMilli());
        }
        return point;
    }

    // Spark's Kafka source reports maxOffsetsBehindLatest per batch (the worst partition); -1 when absent.
    private static long offsetsBehind(SourceProgress[] sources) {
        long behind = -1;
        for (SourceProgress source : sources) {
            Map<String, String> metrics = source.metrics();
            String max = metrics == null ? null : metrics.get("maxOffsetsBehindLatest");
            if (max != null) {
                behind = Math.max(behind, Long.parseLong(max));
            }
        }
        return behind;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
