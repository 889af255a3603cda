package io.tickpipe.spark.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: two cores, no UI, two shuffle partitions, UTC. Started
 * on first use; Spark's own shutdown hook stops it when the JVM exits. Tests that change a runtime
 * setting must set it back.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("tickpipe-test")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
