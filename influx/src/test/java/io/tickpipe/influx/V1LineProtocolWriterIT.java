package io.tickpipe.influx;

import static io.tickpipe.influx.testing.ScriptedHttpServer.forwardTo;
import static io.tickpipe.influx.testing.ScriptedHttpServer.status;
import static io.tickpipe.influx.TestPoints.BASE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.tickpipe.influx.testing.ScriptedHttpServer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link V1LineProtocolWriter} against the real InfluxDB 1.6 of the test stack, through proxies where a failure is needed. */
class V1LineProtocolWriterIT {
    private static InfluxConfig config;
    private static InfluxQl influx;

    @BeforeAll
    static void database() {
        config = InfluxTestDatabase.create(V1LineProtocolWriterIT.class);
        influx = InfluxQl.of(config);
    }

    @Test
    void everyValueComesBackExactlyWithEscapedNamesAndNanosecondTime() {
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            writer.write(List.of(TestPoints.awkward(BASE_NANOS)));
        }

        List<Map<String, Object>> rows = influx.rows("SELECT * FROM \"quote stats,v1\"");

        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("time")).isEqualTo(BASE_NANOS);
        assertThat(row.get("symbol")).isEqualTo("BRK A,B=C");
        assertThat(row.get("exchange")).isEqualTo("NYSE");
        assertThat(row.get("price")).isEqualTo(412_345.6789);
        assertThat(row.get("size")).isEqualTo(9_007_199_254_740_993L);
        assertThat(row.get("halted")).isEqualTo(true);
        assertThat(row.get("note")).isEqualTo("said \"hi\", then \\left");
    }

    @Test
    void pointsInOtherPrecisionsAreSentAsNanoseconds() {
        Instant micros = Instant.parse("2026-01-05T14:30:00.123456Z");
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            writer.write(List.of(Point.measurement("precision").addField("v", 1L).time(micros, WritePrecision.US),
                    Point.measurement("precision").addField("v", 2L).time(micros.toEpochMilli() + 1, WritePrecision.MS)));
        }

        assertThat(influx.rows("SELECT v FROM precision")).extracting(row -> row.get("time"))
                .containsExactly(1_767_623_400_123_456_000L, 1_767_623_400_124_000_000L);
    }

    @Test
    void theSamePointWrittenAgainOverwritesIt() {
        Point first = Point.measurement("idem").addTag("symbol", "MSFT").addField("close", 10.25).time(BASE_NANOS, WritePrecision.NS);
        Point again = Point.measurement("idem").addTag("symbol", "MSFT").addField("close", 11.75).time(BASE_NANOS, WritePrecision.NS);
        try (InfluxPointWriter writer = InfluxPointWriters.create(config)) {
            writer.write(List.of(first));
            writer.write(List.of(again));
        }

        assertThat(influx.rows("SELECT close, symbol FROM idem"))
                .containsExactly(Map.of("time", BASE_NANOS, "close", 11.75, "symbol", "MSFT"));
    }

    @Test
    void writesInRequestsOfBatchSize() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(forwardTo(config.url()));
             InfluxPointWriter writer = InfluxPointWriters.create(config.toBuilder().url(proxy.url()).batchSize(1000).build())) {
            writer.write(TestPoints.series("batched", 12_345));

            assertThat(proxy.requests()).hasSize(13)
                    .allSatisfy(request -> assertThat(request.uri().getPath()).isEqualTo("/write"));
            assertThat(proxy.requests().get(12).body().lines()).hasSize(345);
        }
        assertThat(influx.count("batched")).isEqualTo(12_345);
    }

    @Test
    void unavailableTwiceThenWritten() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(forwardTo(config.url()),
                status(503, "{\"error\":\"overloaded\"}"), status(503, "{\"error\":\"overloaded\"}"));
             InfluxPointWriter writer = InfluxPointWriters.create(config.toBuilder().url(proxy.url()).build())) {
            writer.write(TestPoints.series("recovered", 10));

            assertThat(proxy.requests()).hasSize(3);
        }
        assertThat(influx.count("recovered")).isEqualTo(10);
    }

    @Test
    void alwaysUnavailableFailsAfterEveryRetry() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(status(503, "{\"error\":\"overloaded\"}"));
             InfluxPointWriter writer = InfluxPointWriters.create(config.toBuilder().url(proxy.url()).build())) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("lost", 3)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).hasValue(503);
                        assertThat(e.attempts()).isEqualTo(config.maxRetries() + 1);
                    })
                    .hasMessageContaining(proxy.url() + "/write (database " + config.database() + ")")
                    .hasMessageContaining("failed after 4 attempts: HTTP 503: overloaded");
            assertThat(proxy.requests()).hasSize(config.maxRetries() + 1);
        }
    }

    @Test
    void aRefusedWriteIsNotRetriedAndCarriesInfluxDbsReason() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(forwardTo(config.url()));
             InfluxPointWriter writer = InfluxPointWriters.create(config.toBuilder().url(proxy.url()).build())) {
            writer.write(List.of(Point.measurement("typed").addField("v", 1.5).time(BASE_NANOS, WritePrecision.NS)));
            Point conflicting = Point.measurement("typed").addField("v", "text").time(BASE_NANOS + 1, WritePrecision.NS);

            assertThatThrownBy(() -> writer.write(List.of(conflicting)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).hasValue(400);
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.serverMessage()).hasValueSatisfying(text -> assertThat(text).contains("field type conflict"));
                    })
                    .hasMessageContaining("not retried")
                    .hasMessageContaining("field type conflict");
            assertThat(proxy.requests()).hasSize(2);
        }
    }

    @Test
    void aServerThatIsDownIsRetriedThenReported() {
        InfluxConfig down = config.toBuilder().url(InfluxTestDatabase.closedPortUrl()).build();
        try (InfluxPointWriter writer = InfluxPointWriters.create(down)) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("nowhere", 1)))
                    .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                        assertThat(e.status()).isEmpty();
                        assertThat(e.attempts()).isEqualTo(4);
                    })
                    .hasMessageContaining(down.url())
                    .hasMessageContaining("failed after 4 attempts: ConnectException");
        }
    }

    @Test
    void credentialsTravelOnlyInTheHeaderAndNeverInAMessage() {
        String password = "pw-5b0e3c41";
        InfluxConfig withCredentials = config.toBuilder().username("writer").password(password).build();
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(status(503, "{\"error\":\"overloaded\"}"));
             InfluxPointWriter writer = InfluxPointWriters.create(withCredentials.toBuilder().url(proxy.url()).build())) {
            assertThatThrownBy(() -> writer.write(TestPoints.series("secret", 1)))
                    .isInstanceOf(InfluxWriteException.class)
                    .hasMessageNotContaining(password);
            ScriptedHttpServer.Request request = proxy.requests().get(0);
            assertThat(request.header("Authorization")).contains("Basic "
                    + Base64.getEncoder().encodeToString(("writer:" + password).getBytes()));
            assertThat(request.uri().toString()).doesNotContain(password);
        }
    }

    @Test
    void aPointWithoutTimestampIsRefusedBeforeAnythingIsSent() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer.start(forwardTo(config.url()));
             InfluxPointWriter writer = InfluxPointWriters.create(config.toBuilder().url(proxy.url()).build())) {
            List<Point> points = List.of(TestPoints.awkward(BASE_NANOS), Point.measurement("m").addField("v", 1L));

            assertThatThrownBy(() -> writer.write(points))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("point without timestamp");
            assertThat(proxy.requests()).isEmpty();
        }
    }
}
