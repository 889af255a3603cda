package io.tickpipe.influx;

import static io.tickpipe.influx.testing.ScriptedHttpServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.influx.testing.ScriptedHttpServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link InfluxQl} sends to a 2.x server's v1-compatible {@code /query}, seen by a recording
 * server (no InfluxDB 2.x can run on the build machines; 1.x is covered by {@link InfluxQlIT}).
 */
class InfluxQlTest {

    @Test
    void queriesWithTheTokenAndNanosecondEpoch() {
        String answer = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"bars\",\"tags\":{\"symbol\":\"AAPL\"},"
                + "\"columns\":[\"time\",\"close\",\"volume\",\"halted\"],\"values\":[[1767623400123456789,187.25,1200,false]]}]}]}";
        try (ScriptedHttpServer server = ScriptedHttpServer.start(status(200, answer))) {
            InfluxConfig config = InfluxConfig.builder(server.url()).org("acme").bucket("market").token("tok-1")
                    .database("market").build();

            assertThat(InfluxQl.of(config).rows("SELECT * FROM bars GROUP BY symbol")).containsExactly(Map.of(
                    "time", 1_767_623_400_123_456_789L, "close", 187.25, "volume", 1200L, "halted", false, "symbol", "AAPL"));

            ScriptedHttpServer.Request request = server.requests().get(0);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri().getPath()).isEqualTo("/query");
            assertThat(request.queryParameters()).containsEntry("db", "market").containsEntry("epoch", "ns")
                    .containsEntry("q", "SELECT * FROM bars GROUP BY symbol");
            assertThat(request.header("Authorization")).contains("Token tok-1");
        }
    }
}
