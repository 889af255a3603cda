package io.tickpipe.influx;

import static io.tickpipe.influx.testing.ScriptedHttpServer.status;
import static io.tickpipe.influx.TestPoints.BASE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link V2PointWriter} makes, seen by a recording server. A recording server and not a
 * real InfluxDB because no server with the v2 write API (InfluxDB 1.8+, 2.x, 3.x) can run on the
 * build machines: Debian ships 1.6, and neither Docker nor InfluxData's downloads are reachable.
 * The request is InfluxDB's documented contract; that 1.6 refuses it is shown in {@link V2PointWriterIT}.
 */
class V2PointWriterTest {
    private static final String TOKEN = "tok-81f0c2d9aa";

    @Test
    void postsNanosecondLineProtocolToTheV2EndpointWithTheToken() {
        List<Point> points = List.of(TestPoints.awkward(BASE_NANOS), TestPoints.awkward(BASE_NANOS + 1));
        try (ScriptedHttpServer v2Server = ScriptedHttpServer.start(status(204, ""));
             ScriptedHttpServer v1Server = ScriptedHttpServer.start(status(204, ""))) {
            try (InfluxPointWriter v2 = InfluxPointWriters.create(v2Config(v2Server.url()));
                 InfluxPointWriter v1 = InfluxPointWriters.create(InfluxConfig.builder(v1Server.url()).build())) {
                v2.write(points);
                v1.write(points);
            }

            assertThat(v2Server.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.uri().getPath()).isEqualTo("/api/v2/write");
                assertThat(request.queryParameters())
                        .containsEntry("org", "acme")
                        .containsEntry("bucket", "market")
                        .containsEntry("precision", "ns");
                assertThat(request.header("Authorization")).contains("Token " + TOKEN);
                assertThat(request.body()).isEqualTo(v1Server.requests().get(0).body());
                assertThat(request.body().lines()).hasSize(2)
                        .allSatisfy(line -> assertThat(line).startsWith("quote\\ stats\\,v1,"));
            });
        }
    }

    @Test
    void unavailableIsRetried() {
        try (ScriptedHttpServer server = ScriptedHttpServer.start(status(204, ""),
                status(503, "{\"code\":\"unavailable\",\"message\":\"busy\"}"));
             InfluxPointWriter writer = InfluxPointWriters.create(v2Config(server.url()))) {
            writer.write(TestPoints.series("m", 3));

            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
        }
    }

    @Test
    void splitsIntoBatches() {
        try (ScriptedHttpServer server = ScriptedHttpServer.start(status(204, ""));
             InfluxPointWriter writer = InfluxPointWriters.create(v2Config(server.url()).toBuilder().batchSize(4).build())) {
            writer.write(TestPoints.series("m", 10));

            assertThat(server.requests()).extracting(request -> request.body().lines().count())
                    .containsExactly(4L, 4L, 2L);
        }
    }

    @Test
    void unauthorizedFailsAtOnceWithTheServersTextAndWithoutTheToken() {
        try (ScriptedHttpServer server = ScriptedHttpServer.start(
                status(401, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}"));
             InfluxPointWriter writer = InfluxPointWriters.create(v2Config(server.url()))) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("m", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).hasValue(401);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining(server.url() + "/api/v2/write (org acme, bucket market)")
                    .hasMessageContaining("unauthorized access")
                    .hasMessageNotContaining(TOKEN);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aServerThatIsDownIsRetriedThenReported() {
        InfluxConfig down = v2Config(InfluxTestDatabase.closedPortUrl());
        try (InfluxPointWriter writer = InfluxPointWriters.create(down)) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("m", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).isEmpty();
                        assertThat(e.attempts()).isEqualTo(3);
                    })
                    .hasMessageContaining("failed after 3 attempts")
                    .hasMessageNotContaining(TOKEN);
        }
    }

    private static InfluxConfig v2Config(String url) {
        return InfluxConfig.builder(url).org("acme").bucket("market").token(TOKEN)
                .maxRetries(2).retryDelays(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    }
}
