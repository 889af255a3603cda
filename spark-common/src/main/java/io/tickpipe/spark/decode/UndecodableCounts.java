package io.tickpipe.spark.decode;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.tickpipe.spark.measurements.MarketPoints;
import io.tickpipe.wire.WireFormatException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * How many records of {@link ConfluentAvroDecode#decode} results could not be decoded, per topic and
 * reason: counted by a job of their own ({@link #of}), or on the way through a job that reads the
 * records anyway ({@link #observe} / {@link #observed}), which costs no job when nothing failed.
 */
public final class UndecodableCounts {

    /** {@code records} of {@code topic} failed for {@code reason}; {@code newest} is the latest one's Kafka timestamp. */
    public record Count(String topic, String reason, long records, Instant newest) {
    }

    private UndecodableCounts() {
    }

    /** Over all the decode results given, in one Spark job: each job (and its shuffle) has a fixed cost. */
    @SafeVarargs
    public static List<Count> of(Dataset<Row>... decoded) {
        Dataset<Row> failed = null;
        for (Dataset<Row> d : decoded) {
            Dataset<Row> rows = d.filter(ConfluentAvroDecode.failed()).select(col("topic"), col(ConfluentAvroDecode.ERROR_REASON), col("timestamp"));
            failed = failed == null ? rows : failed.union(rows);
        }
        List<Count> counts = new ArrayList<>();
        if (failed == null) {
            return counts;
        }
        for (Row row : failed.groupBy(col("topic"), col(ConfluentAvroDecode.ERROR_REASON))
                .agg(count("*"), max("timestamp")).collectAsList()) {
            counts.add(new Count(row.getString(0), row.getString(1), row.getLong(2), row.getTimestamp(3).toInstant()));
        }
        return counts;
    }

    /**
     * {@code decoded}, counting into {@code observation}, per topic of {@code topics} and reason, the
     * failed records and the newest one's Kafka timestamp.
     */
    public static Dataset<Row> observe(Dataset<Row> decoded, List<String> topics, Observation observation) {
        List<Column> metrics = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            Column ofTopic = col("topic").equalTo(topics.get(t));
            for (Reason reason : Reason.values()) {
                Column failedWith = col(ConfluentAvroDecode.ERROR_REASON).equalTo(reason.name()).and(ofTopic);
                metrics.add(count(when(failedWith, true)).as(metric(t, reason, "records")));
                metrics.add(max(when(failedWith, col("timestamp"))).as(metric(t, reason, "latest")));
            }
        }
        return decoded.observe(observation, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new));
    }

    /** What {@link #observe} counted for {@code topics} (the same list); waits for the action that read the records. */
    public static List<Count> observed(List<String> topics, Observation observation) throws InterruptedException {
        Map<String, Object> metrics = observation.getAsJava();
        List<Count> counts = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            for (Reason reason : Reason.values()) {
                long records = ((Number) metrics.get(metric(t, reason, "records"))).longValue();
                if (records > 0) {
                    counts.add(new Count(topics.get(t), reason.name(), records,
                            MarketPoints.instant(metrics.get(metric(t, reason, "latest")))));
                }
            }
        }
        return counts;
    }

    private static String metric(int topic, Reason reason, String what) {
        return "t" + topic + "_" + reason.name() + "_" + what;
    }
}
