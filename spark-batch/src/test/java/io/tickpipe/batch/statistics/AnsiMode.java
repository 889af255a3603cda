package io.tickpipe.batch.statistics;

import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a query with {@code spark.sql.ansi.enabled} (Spark 4's default, a cluster's choice on 3.5),
 * where a division by zero fails the job instead of giving null; sets the setting back after.
 */
final class AnsiMode {
    private static final String ANSI = "spark.sql.ansi.enabled";

    private AnsiMode() {
    }

    static List<Row> collect(SparkSession spark, Supplier<Dataset<Row>> query) {
        String before = spark.conf().get(ANSI);
        spark.conf().set(ANSI, "true");
        try {
            return query.get().collectAsList();
        } finally {
            spark.conf().set(ANSI, before);
        }
    }
}
