package io.tickpipe.spark.decode;

import static io.tickpipe.spark.decode.MarketSamples.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.KafkaRows;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.registry.RegistryConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.Test;

/** Registry credentials travel to the executors but show up in no plan, explain output or message. */
class CredentialsIT {
    private static final String SECRET = "secret";

    private static Map<String, String> withCredentials(String url) {
        return Map.of(RegistryConfig.URL, url, RegistryConfig.USER_INFO, "tickpipe:" + SECRET,
                RegistryConfig.MAX_RETRIES, "0", RegistryConfig.CONNECT_TIMEOUT_MS, "500");
    }

    @Test
    void neitherPlansNorErrorMessagesShowTheCredentials() {
        int id = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        Dataset<Row> decoded = ConfluentAvroDecode.decode(KafkaRows.of("market.trades", 0)
                        .add("AAPL", encode(id, Trade.getClassSchema(), MarketSamples.trade(1)))
                        .add("AAPL", new byte[] {0, 0x7f, -1, -1, -1, 1})
                        .toDataset(LocalSpark.session()),
                Trade.getClassSchema(), withCredentials(TestStack.shared().schemaRegistryUrl()));

        StringBuilder plans = new StringBuilder(decoded.queryExecution().toString());
        for (String mode : new String[] {"simple", "extended", "codegen", "cost", "formatted"}) {
            plans.append(decoded.queryExecution().explainString(ExplainMode.fromString(mode)));
        }
        plans.append(DeadLetters.of(decoded).queryExecution().explainString(ExplainMode.fromString("extended")));
        assertThat(plans.toString()).contains("confluent_avro_decode").doesNotContain(SECRET);

        assertThat(ConfluentAvroDecode.records(decoded).count()).isEqualTo(1);
        assertThat(decoded.where(ConfluentAvroDecode.failed()).select(ConfluentAvroDecode.ERROR_MESSAGE).first().getString(0))
                .contains("UNKNOWN_SCHEMA_ID").doesNotContain(SECRET);
    }

    @Test
    void aFailedQueryDoesNotShowTheCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Dataset<Row> decoded = ConfluentAvroDecode.decode(KafkaRows.of("market.trades", 0)
                .add("AAPL", new byte[] {0, 0, 0, 0, 1, 2}).toDataset(LocalSpark.session()),
                Trade.getClassSchema(), withCredentials("http://127.0.0.1:" + closedPort));
        Throwable failure = catchThrowable(decoded::collectAsList);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("RegistryUnavailableException").doesNotContain(SECRET);
    }
}
