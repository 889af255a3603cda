/**
 * Writing Datasets to InfluxDB from Spark's executors: {@link io.tickpipe.spark.influx.InfluxSink#write}
 * maps rows to points with a {@link io.tickpipe.spark.influx.PointMapper} and sends them through the
 * writers of {@code io.tickpipe.influx}, failing the job (or micro-batch) when points could not be
 * written.
 */
package io.tickpipe.spark.influx;
