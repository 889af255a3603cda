/**
 * Writing Datasets to InfluxDB from Spark's executors: {@link io.tickpipe.spark.influx.InfluxSink#write}
 * maps rows to points with a {@link io.tickpipe.spark.influx.PointMapper}, and
 * {@link io.tickpipe.spark.influx.InfluxSink#writeLines} writes Spark's internal rows straight as line
 * protocol with a {@link io.tickpipe.spark.influx.LineMapper} (the raw trades and quotes); both send
 * through the writers of {@code io.tickpipe.influx}, failing the job (or micro-batch) when points
 * could not be written.
 */
package io.tickpipe.spark.influx;
