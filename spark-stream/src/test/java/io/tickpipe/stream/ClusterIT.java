package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.ExpectedBars;
import io.tickpipe.spark.testing.Influx;
import io.tickpipe.spark.testing.MarketCsv;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.SparkJobProcess;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.ClusterPorts;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on the cluster: the producer -> three Kafka nodes (topics replicated three times,
 * two in sync for a write) -> the streaming job's jar submitted to a Spark standalone master with
 * two workers (driver here, executors on the workers) -> InfluxDB; every bar equals an independent
 * computation from the topic.
 */
class ClusterIT {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");

    private static Path clusterDir;
    private static LocalStack cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        clusterDir = Files.createTempDirectory("tickpipe-cluster-");
        cluster = LocalStack.startCluster(clusterDir, ClusterPorts.free(), Path.of(".."), 1, "1g");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> paths = Files.walk(clusterDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theJobOnAMasterAndTwoWorkersMakesTheBarsOfTheTradesOnThreeBrokers(@TempDir Path dir) throws Exception {
        StackFixture fixture = StackFixture.fresh(cluster, "cluster");
        String bootstrap = cluster.kafkaBootstrapServers();
        assertThat(bootstrap.split(",")).hasSize(3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicDescription trades = admin.describeTopics(List.of(fixture.tradesTopic())).allTopicNames().get().get(fixture.tradesTopic());
            assertThat(trades.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, fixture.tradesTopic());
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("min.insync.replicas").value()).isEqualTo("2");
        }
        MarketCsv csv = MarketCsv.write(dir, 31, SYMBOLS, START, 120, 4);
        Producer.produce(dir, fixture.produceArgs("--source", "replay", "--speed", "0", "--replay-file", csv.trades.toString()));
        List<Trade> trades = KafkaIo.consume(bootstrap, fixture.tradesTopic(), csv.tradeCount, StreamPipelineIT.tradeDeserializer(cluster))
                .stream().map(ConsumerRecord::value).map(Trade.class::cast).toList();
        long watermark = ChronoUnit.MICROS.between(Instant.EPOCH,
                trades.stream().map(Trade::getEventTime).max(Instant::compareTo).orElseThrow()) - 5_000_000L;
        Map<ExpectedBars.Key, ExpectedBars.Bar> expected = ExpectedBars.of(trades, 1_000_000L).entrySet().stream()
                .filter(e -> e.getKey().startMicros() + 1_000_000L <= watermark)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));

        Influx influx = fixture.influx();
        String finalBars = "SELECT * FROM bars WHERE \"interval\" = '1s' AND final = true";
        try (SparkJobProcess job = SparkJobProcess.start("spark-stream", cluster.sparkMasterUrl(),
                List.of("spark.executor.memory=512m", "spark.executor.cores=1"), StreamJob.class.getName(),
                dir.resolve("job.log"), fixture.jobArgs(dir))) {
            Eventually.until(Duration.ofMinutes(5),
                    () -> !job.isAlive() || influx.rows(finalBars).size() >= expected.size(),
                    () -> "final 1s bars " + influx.rows(finalBars).size() + " of " + expected.size());
            assertThat(job.isAlive()).as(job.log()).isTrue();
            ExpectedBars.assertMatches(ExpectedBars.fromInflux(influx.rows(finalBars)), expected);
            // The executors ran on the workers, one on each: their folders hold the application's.
            for (String worker : List.of("spark-worker-1", "spark-worker-2")) {
                try (Stream<Path> apps = Files.list(clusterDir.resolve(worker).resolve("work"))) {
                    assertThat(apps.filter(app -> app.getFileName().toString().startsWith("app-")).toList())
                            .as("executors of %s", worker).isNotEmpty();
                }
            }
        }
    }
}
