package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SecuredFixture;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with authentication everywhere: the producer and the job reach Kafka only through its
 * SASL/SCRAM listener (the login in the --client-config file) and write to an InfluxDB with
 * authentication enabled (the password in a file). A password InfluxDB refuses ends the job at once,
 * and the job started again with the right one writes everything: nothing was dropped.
 */
class SecuredPipelineIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");

    @Test
    void producerJobAndDeadLettersGoThroughSaslAndTheBarsIntoTheAuthenticatedInfluxDb(@TempDir Path dir) throws Exception {
        SecuredFixture fixture = SecuredFixture.fresh("secured");
        MarketCsv csv = MarketCsv.write(dir, 31, SYMBOLS, START, 60, 4);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                "--replay-file", csv.trades.toString(), "--replay-file", csv.quotes.toString()));
        String plaintext = fixture.topics.stack.kafkaBootstrapServers();
        List<Trade> trades = KafkaIo.consume(plaintext, fixture.topics.tradesTopic(), csv.tradeCount,
                        StreamPipelineIT.tradeDeserializer(fixture.topics.stack)).stream()
                .map(ConsumerRecord::value).map(Trade.class::cast).toList();
        // Two records no decoder can read: the job's dead letters, written through its SASL settings.
        KafkaIo.produceRaw(plaintext, fixture.topics.tradesTopic(), "BAD_MAGIC_BYTE", List.of(new byte[] {7, 0, 0, 0, 1, 2}));
        KafkaIo.produceRaw(plaintext, fixture.topics.tradesTopic(), "TRUNCATED_HEADER", List.of(new byte[] {0, 0}));
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected = ExpectedBars.of(trades, 1_000_000L);
        long watermark = ChronoUnit.MICROS.between(Instant.EPOCH,
                trades.stream().map(Trade::getEventTime).max(Instant::compareTo).orElseThrow()) - 5_000_000L;
        long finalBars = expected.keySet().stream().filter(k -> k.startMicros() + 1_000_000L < watermark).count();

        Influx influx = fixture.influx();
        // Only the SASL listener: the job knows no other way to Kafka.
        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            assertThat(job.config.kafka().bootstrapServers()).isEqualTo(fixture.saslBootstrapServers());
            Eventually.until(Duration.ofMinutes(3),
                    () -> influx.count("SELECT count(price) FROM trades") == csv.tradeCount
                            && influx.count("SELECT count(spread) FROM quotes") == csv.quoteCount
                            && influx.count("SELECT count(\"close\") FROM bars WHERE \"interval\" = '1s' AND final = true") >= finalBars,
                    () -> "trades " + influx.count("SELECT count(price) FROM trades") + " of " + csv.tradeCount
                            + ", quotes " + influx.count("SELECT count(spread) FROM quotes") + " of " + csv.quoteCount);
            ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows("SELECT * FROM bars WHERE \"interval\" = '1s'")), expected);

            List<ConsumerRecord<String, byte[]>> dead = KafkaIo.consumeRaw(plaintext,
                    MarketContract.TRADES.deadLetterTopic(fixture.topics.prefix), 2);
            assertThat(dead).extracting(record -> header(record, "tickpipe.dlq.reason"))
                    .containsExactlyInAnyOrder("BAD_MAGIC_BYTE", "TRUNCATED_HEADER");
            assertThat(dead).allSatisfy(record -> assertThat(header(record, "tickpipe.dlq.reason")).isEqualTo(record.key()));
            // The driver's own consumer of the topics' end offsets logs in with the same settings. Its
            // figure is written with a batch's progress, which may come after the bars it waited for.
            Eventually.until(Duration.ofMinutes(1),
                    () -> influx.count("SELECT count(offsets_behind) FROM pipeline WHERE stream = 'ingest'") > 0,
                    () -> "no offsets_behind of the ingest query in pipeline");
            assertThat(job.query(StreamTopology.INGEST).isActive()).isTrue();
        }
    }

    @Test
    void aRefusedInfluxDbPasswordEndsTheJobAtOnceAndTheRightOneThenWritesEverything(@TempDir Path dir) throws Exception {
        SecuredFixture fixture = SecuredFixture.fresh("refused");
        MarketCsv csv = MarketCsv.write(dir, 32, SYMBOLS, START, 20, 4);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0",
                "--replay-file", csv.trades.toString(), "--replay-file", csv.quotes.toString()));
        String wrong = "wrong-" + UUID.randomUUID();
        Path wrongFile = Files.writeString(dir.resolve("wrong.password"), wrong + "\n", StandardCharsets.UTF_8);
        SecuredFixture refused = fixture.as(fixture.kafkaClientConfig, fixture.influxUser, wrongFile);

        InProcessJob failing = InProcessJob.launch(refused.jobArgs(dir));
        Throwable failure = failing.awaitFailure(Duration.ofMinutes(3));
        failing.close();

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed, and no restart can help: InfluxWriteException")
                .hasMessageContaining("HTTP 401: authorization failed (InfluxDB refused the credentials")
                .hasMessageContaining("start the job again with the right credentials");
        assertThat(failure.getMessage()).doesNotContain(wrong);
        Influx influx = fixture.influx();
        assertThat(influx.count("SELECT count(price) FROM trades")).isZero();

        // The same checkpoint, the right password: the batches that failed run again, nothing is missing.
        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            Eventually.until(Duration.ofMinutes(3),
                    () -> influx.count("SELECT count(price) FROM trades") == csv.tradeCount
                            && influx.count("SELECT count(spread) FROM quotes") == csv.quoteCount,
                    () -> "trades " + influx.count("SELECT count(price) FROM trades") + " of " + csv.tradeCount
                            + ", quotes " + influx.count("SELECT count(spread) FROM quotes") + " of " + csv.quoteCount);
            assertThat(job.query(StreamTopology.ANALYTICS).isActive()).isTrue();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
