package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.producer.source.FinnhubProtocolServer;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code produce --source finnhub} from a local Finnhub-protocol server into Kafka. */
class FinnhubIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();

    @Test
    void liveTradesReachKafkaAndDurationEndsAQuietFeed(@TempDir Path dir) throws Exception {
        String trades = "{\"type\":\"trade\",\"data\":[{\"s\":\"AAPL\",\"p\":190.25,\"t\":1767623400123,\"v\":100},"
                + "{\"s\":\"MSFT\",\"p\":401.5,\"t\":1767623400124,\"v\":7,\"c\":[\"12\"]}]}";
        // One batch, then silence: only --duration can end this run.
        FinnhubProtocolServer server = new FinnhubProtocolServer(2, List.of(List.of("{\"type\":\"ping\"}", trades, "garbage")));
        Path token = Files.writeString(dir.resolve("finnhub-token"), "sandbox-token-123\n");
        try {
            CliRun run = CliRun.of("produce", "--source", "finnhub", "--finnhub-url", server.url(), "--finnhub-token-file",
                    token.toString(), "--symbols", "AAPL,MSFT", "--duration", "3s", "--topic-prefix", "finnhub-it",
                    "--bootstrap-servers", KAFKA, "--schema-registry", REGISTRY, "--quiet");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("summary: 2 events sent, 2 acknowledged, 0 failed")
                    .contains("finnhub: 3 messages, 1 malformed (each reported above), 0 reconnects")
                    .doesNotContain("sandbox-token-123");
        } finally {
            server.shutdown();
        }
        assertThat(server.resourceDescriptors).containsExactly("/?token=sandbox-token-123");
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", REGISTRY, "specific.avro.reader", "true"), false);
        List<Trade> sent = KafkaIo.consume(KAFKA, "finnhub-it.trades", 2, deserializer).stream()
                .map(ConsumerRecord::value).map(Trade.class::cast).toList();
        assertThat(sent).extracting(Trade::getSymbol, Trade::getPrice, Trade::getSequence, Trade::getExchange)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("AAPL", 190.25, 0L, "FINNHUB"),
                        org.assertj.core.groups.Tuple.tuple("MSFT", 401.5, 0L, "FINNHUB"));
        assertThat(KafkaIo.recordCount(KAFKA, "finnhub-it.trades")).isEqualTo(2);
    }
}
