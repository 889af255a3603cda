package io.tickpipe.influx;

/** Which InfluxDB write endpoint a {@link InfluxConfig} talks to. */
public enum InfluxApi {
    /** {@code /write?db=..}: every InfluxDB 1.x, including those before 1.8 (the local stack's 1.6). */
    V1,
    /** {@code /api/v2/write?org=..&bucket=..}: InfluxDB 2.x, 3.x and 1.8+, through influxdb-client-java. */
    V2
}
