package io.tickpipe.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a server without the v2 write API (the stack's real InfluxDB 1.6) makes of {@link V2PointWriter}. */
class V2PointWriterIT {

    @Test
    void influxDbBefore18FailsAtOnceWithAHint() {
        InfluxConfig v1 = InfluxTestDatabase.create(V2PointWriterIT.class);
        InfluxConfig v2 = v1.toBuilder().api(InfluxApi.V2).org("-").bucket(v1.database() + "/autogen")
                .token("unused").build();
        try (InfluxPointWriter writer = InfluxPointWriters.create(v2)) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("m", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).hasValue(404);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining("this server has no v2 write API (InfluxDB < 1.8); use influx.api=v1");
        }
    }
}
