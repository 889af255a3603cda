package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.common.schema.CompatibilityLevel;
import io.tickpipe.market.Trade;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.schemas.SchemaHistory;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import io.tickpipe.wire.registry.RegistryConfig;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trade v2 is registered and produced while the job runs on v1 records: it decodes them without a restart. */
class LiveEvolutionIT {

    private static final Schema V1 = SchemaHistory.parse(Path.of("../schemas/history/trade/v1.avsc"));
    private static final Instant T0 = Instant.parse("2026-03-02T14:30:00Z");

    @Test
    void v2RecordsAmongV1RecordsDecodeWhileTheJobKeepsRunning(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture fixture = StackFixture.fresh(stack, "evolution");
        String topic = fixture.tradesTopic();
        String subject = MarketContract.TRADES.valueSubject(fixture.prefix);
        var serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        Influx influx = fixture.influx();

        List<GenericRecord> v1 = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            v1.add(v1Trade(i));
        }
        KafkaIo.produce(stack.kafkaBootstrapServers(), topic, serializer, v1, t -> t.get("symbol").toString());
        var registry = new SchemaRegistryClient(RegistryConfig.of(stack.schemaRegistryUrl()));
        registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(registry.versions(subject)).hasSize(1);

        try (InProcessJob job = InProcessJob.start(fixture.jobArgs(dir))) {
            Eventually.until(Duration.ofMinutes(2), () -> influx.count("SELECT count(price) FROM trades WHERE currency = 'USD'") == v1.size(),
                    () -> "v1 trades in InfluxDB: " + influx.count("SELECT count(price) FROM trades"));
            UUID ingestRun = job.query(StreamTopology.INGEST).runId();
            UUID analyticsRun = job.query(StreamTopology.ANALYTICS).runId();

            // Registered now, by the serializer, while both queries run.
            List<Trade> v2 = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                v2.add(v2Trade(i));
            }
            KafkaIo.produce(stack.kafkaBootstrapServers(), topic, serializer, v2, Trade::getSymbol);
            assertThat(registry.versions(subject)).hasSize(2);

            Eventually.until(Duration.ofMinutes(2), () -> influx.count("SELECT count(price) FROM trades WHERE currency = 'EUR'") == v2.size(),
                    () -> "v2 (EUR) trades in InfluxDB: " + influx.count("SELECT count(price) FROM trades WHERE currency = 'EUR'"));
            assertThat(influx.count("SELECT count(price) FROM trades")).isEqualTo(v1.size() + v2.size());
            assertThat(influx.count("SELECT sum(dead_letters) FROM pipeline")).isZero();
            assertThat(KafkaIo.recordCount(stack.kafkaBootstrapServers(), MarketContract.TRADES.deadLetterTopic(fixture.prefix))).isZero();
            // The v2 trades (a minute after the v1 ones) closed the v1 trades' bars, in the same runs of the queries.
            Eventually.until(Duration.ofMinutes(1),
                    () -> influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND final = true") == v1.size(),
                    () -> "trades in final 1s bars: " + influx.count("SELECT sum(trade_count) FROM bars WHERE \"interval\" = '1s' AND final = true"));
            assertThat(job.query(StreamTopology.INGEST).runId()).isEqualTo(ingestRun);
            assertThat(job.query(StreamTopology.ANALYTICS).runId()).isEqualTo(analyticsRun);
        }
    }

    private static GenericRecord v1Trade(int i) {
        GenericRecord trade = new GenericData.Record(V1);
        trade.put("symbol", i % 2 == 0 ? "AAPL" : "MSFT");
        trade.put("price", 190.25 + i);
        trade.put("size", 100.0);
        trade.put("event_time", ChronoUnit.MICROS.between(Instant.EPOCH, T0.plusMillis(100L * i)));
        trade.put("trade_id", "v1-" + i);
        trade.put("exchange", "XNAS");
        trade.put("conditions", List.of());
        trade.put("sequence", (long) i);
        return trade;
    }

    private static Trade v2Trade(int i) {
        return Trade.newBuilder()
                .setSymbol(i % 2 == 0 ? "AAPL" : "MSFT").setPrice(200.5 + i).setSize(10.0)
                .setEventTime(T0.plusSeconds(60).plusMillis(100L * i))
                .setTradeId("v2-" + i).setExchange("XNAS").setConditions(List.of())
                .setSequence(100L + i).setCurrency("EUR").build();
    }
}
