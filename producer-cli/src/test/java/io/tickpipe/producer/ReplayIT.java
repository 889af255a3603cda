package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.producer.source.ReplayFixtures;
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

/** {@code produce --source replay}: bad lines reported with file and line, every good line in Kafka. */
class ReplayIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();

    @Test
    void goodLinesAllReachKafkaAndBadLinesAreReportedAndCounted(@TempDir Path dir) throws Exception {
        Path trades = Files.writeString(dir.resolve("trades.csv"), ReplayFixtures.TRADES);
        Path quotes = dir.resolve("quotes.csv.gz");
        ReplayFixtures.writeGzip(quotes, ReplayFixtures.QUOTES);
        assertThat(CliRun.of("topics", "create", "--topic-prefix", "replay-it", "--partitions", "2", "--bootstrap-servers", KAFKA)
                .exitCode()).isZero();

        CliRun run = CliRun.of("produce", "--source", "replay", "--replay-file", trades + "," + quotes, "--speed", "0",
                "--topic-prefix", "replay-it", "--bootstrap-servers", KAFKA, "--schema-registry", REGISTRY, "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("bad line skipped: " + trades + ":4: price 'abc' is not a number")
                .contains("bad line skipped: " + quotes + ":3: ask 190.29 is below bid 190.31")
                .contains("summary: 5 events sent, 5 acknowledged, 0 failed")
                .contains("replay: 6 bad lines skipped (each reported above)");

        assertThat(KafkaIo.recordCount(KAFKA, "replay-it.trades")).isEqualTo(3);
        assertThat(KafkaIo.recordCount(KAFKA, "replay-it.quotes")).isEqualTo(2);
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", REGISTRY, "specific.avro.reader", "true"), false);
        List<Object> tradeValues = KafkaIo.consume(KAFKA, "replay-it.trades", 3, deserializer).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(tradeValues).extracting(t -> ((Trade) t).getTradeId()).containsExactlyInAnyOrder("t1", "AAPL-1", "t5");
        assertThat(tradeValues).extracting(t -> ((Trade) t).getPrice()).containsExactlyInAnyOrder(190.25, 190.30, 400.10);
        List<Object> quoteValues = KafkaIo.consume(KAFKA, "replay-it.quotes", 2, deserializer).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(quoteValues).extracting(q -> ((Quote) q).getSymbol()).containsExactlyInAnyOrder("AAPL", "MSFT");
    }

    @Test
    void strictReplayStopsAtTheFirstBadLineWithExitCode1(@TempDir Path dir) throws Exception {
        Path trades = Files.writeString(dir.resolve("trades.csv"), ReplayFixtures.TRADES);
        CliRun run = CliRun.of("produce", "--source", "replay", "--replay-file", trades.toString(), "--speed", "0", "--strict",
                "--topic-prefix", "replay-strict", "--bootstrap-servers", KAFKA, "--schema-registry", REGISTRY, "--quiet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(trades + ":4: price 'abc' is not a number (--strict stops at the first bad line)")
                .contains("summary: 2 events sent, 2 acknowledged, 0 failed")
                .contains("replay: stopped at a bad line (--strict)");
        assertThat(KafkaIo.recordCount(KAFKA, "replay-strict.trades")).isEqualTo(2);
    }
}
