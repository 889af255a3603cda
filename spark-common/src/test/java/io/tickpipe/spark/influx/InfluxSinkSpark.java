package io.tickpipe.spark.influx;

import org.apache.spark.sql.SparkSession;

/**
 * A small local SparkSession for this package's tests. (Other packages have their own helper; the
 * integrator may fold them into one.)
 */
final class InfluxSinkSpark {

    private InfluxSinkSpark() {
    }

    /** local[2], no UI, bound to loopback; stop it in {@code @AfterAll}. */
    static SparkSession start(String appName) {
        return SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
