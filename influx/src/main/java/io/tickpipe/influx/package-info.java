/**
 * Writing points to InfluxDB and reading them back, without Spark.
 *
 * <ul>
 *   <li>{@link io.tickpipe.influx.InfluxConfig}: where and how, from {@code influx.*} options and
 *       the environment ({@code INFLUX_URL}, {@code INFLUX_USER}, {@code INFLUX_PASSWORD},
 *       {@code INFLUX_TOKEN}, {@code INFLUX_ORG}, {@code INFLUX_BUCKET}); secrets only from the
 *       environment or files.</li>
 *   <li>{@link io.tickpipe.influx.InfluxPointWriters#create} gives an
 *       {@link io.tickpipe.influx.InfluxPointWriter}: {@code V1LineProtocolWriter} ({@code /write},
 *       every 1.x) or {@code V2PointWriter} ({@code /api/v2/write}, 1.8+, 2.x, 3.x). Both send the same
 *       nanosecond line protocol in batches and retry IO errors, 5xx and 429 with jittered exponential
 *       backoff; other answers fail at once with InfluxDB's own error text. They take
 *       {@code Point}s, or lines already written as bytes in a {@link io.tickpipe.influx.LineBatch}.</li>
 *   <li>{@link io.tickpipe.influx.InfluxQl}: InfluxQL queries, for tests, {@code tickpipe watch} and checks.</li>
 * </ul>
 *
 * <p>Writes are idempotent because a point is identified by measurement, tags and timestamp: every
 * point carries an explicit timestamp taken from the data, and no writer adds tags. The Spark jobs
 * write Datasets through {@code io.tickpipe.spark.influx.InfluxSink}, which uses these writers.
 */
package io.tickpipe.influx;
