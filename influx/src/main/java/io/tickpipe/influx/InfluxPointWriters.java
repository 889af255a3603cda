package io.tickpipe.influx;

/** Makes the writer for a configuration's {@link InfluxApi}. */
public final class InfluxPointWriters {

    private InfluxPointWriters() {
    }

    public static InfluxPointWriter create(InfluxConfig config) {
        return switch (config.api()) {
            case V1 -> new V1LineProtocolWriter(config);
            case V2 -> new V2PointWriter(config);
        };
    }
}
