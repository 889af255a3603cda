package io.tickpipe.stream;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.spark.measurements.MarketPoints;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every micro-batch's progress as a {@code pipeline} point: input rows and rates, batch duration,
 * records left behind the topics' latest offsets ({@link KafkaBacklog}), records dropped as later than the watermark, state size, and how far
 * the newest event time lags the wall clock. Best effort: a point that cannot be written is logged
 * and skipped, because the listener must never stop the data (whose writes are retried and
 * guaranteed) for the sake of its own metrics.
 */
final class PipelineMetrics extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

    private final PipelinePoints points;
    private final KafkaBacklog backlog;

    PipelineMetrics(PipelinePoints points, KafkaBacklog backlog) {
        this.points = points;
        this.backlog = backlog;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        try {
            Point point = point(progress);
            try {
                long behind = 0;
                for (SourceProgress source : progress.sources()) {
                    behind += backlog.behind(source.endOffset());
                }
                point.addField("offsets_behind", behind);
            } catch (RuntimeException e) {
                LOG.warn("offsets behind of query {} batch {} unknown: {}", progress.name(), progress.batchId(), e.getMessage());
            }
            points.write(List.of(point));
        } catch (RuntimeException e) {
            LOG.warn("pipeline metrics of query {} batch {} not written: {}", progress.name(), progress.batchId(),
                    e.getMessage());
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
        // triggerExecution is the whole batch; the others (addBatch, queryPlanning, walCommit,
        // latestOffset, getBatch, commitOffsets) say where its time went.
        progress.durationMs().forEach((phase, millis) -> point.addField(
                phase.equals("triggerExecution") ? "batch_duration_ms" : snakeCase(phase) + "_ms", millis));
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

    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }
}
