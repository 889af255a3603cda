package io.tickpipe.stream;

import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.measurements.MarketPoints;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One micro-batch of the analytics query into InfluxDB. One Spark action only: running the batch's
 * plan twice would run the stateful step twice. Points are keyed by measurement, tags and bar
 * start, so a batch run again after a crash overwrites what it wrote before.
 */
final class AnalyticsBatch implements VoidFunction2<Dataset<Row>, Long> {

    private final InfluxConfig influx;
    private final AnalyticsConfig analytics;

    AnalyticsBatch(InfluxConfig influx, AnalyticsConfig analytics) {
        this.influx = influx;
        this.analytics = analytics;
    }

    @Override
    public void call(Dataset<Row> events, Long batchId) {
        InfluxSink.write(events, influx, MarketPoints.analytics(analytics, StreamTopology.ANALYTICS));
    }
}
