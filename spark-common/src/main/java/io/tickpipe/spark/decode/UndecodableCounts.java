package io.tickpipe.spark.decode;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** How many records of {@link ConfluentAvroDecode#decode} results could not be decoded, per topic and reason. */
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
}
