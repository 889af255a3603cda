package io.tickpipe.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code tickpipe produce} against the real broker and registry. */
class ProduceIT {
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();
    private static final Pattern SUMMARY = Pattern.compile("summary: (\\d+) events sent, (\\d+) acknowledged, (\\d+) failed");

    private static CliRun produce(String prefix, String... extra) {
        assertThat(CliRun.of("topics", "create", "--topic-prefix", prefix, "--partitions", "3", "--bootstrap-servers", KAFKA)
                .exitCode()).isZero();
        List<String> args = new ArrayList<>(List.of("produce", "--topic-prefix", prefix, "--bootstrap-servers", KAFKA,
                "--schema-registry", REGISTRY, "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<ConsumerRecord<String, Object>> consume(String topic, int count) {
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", REGISTRY, "specific.avro.reader", "true"), false);
        return KafkaIo.consume(KAFKA, topic, count, deserializer);
    }

    private static long[] summary(String err) {
        Matcher m = SUMMARY.matcher(err);
        assertThat(m.find()).as("summary in:%n%s", err).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    /** Every event of both topics, ordered by partition then offset, and the checks that hold per symbol. */
    private static List<SpecificRecord> readAndCheck(String prefix, long quotes, long trades) {
        List<SpecificRecord> all = new ArrayList<>();
        for (var topic : List.of(prefix + ".quotes", prefix + ".trades")) {
            var records = new ArrayList<>(consume(topic, (int) (topic.endsWith("quotes") ? quotes : trades)));
            records.sort(Comparator.<ConsumerRecord<String, Object>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            Map<String, Long> nextSequence = new HashMap<>();
            Map<String, Integer> partitionOf = new HashMap<>();
            for (var record : records) {
                SpecificRecord event = (SpecificRecord) record.value();
                String symbol = record.key();
                assertThat(event.get(event.getSchema().getField("symbol").pos())).isEqualTo(symbol);
                assertThat(partitionOf.computeIfAbsent(symbol, s -> record.partition()))
                        .as("all of %s in one partition of %s", symbol, topic).isEqualTo(record.partition());
                long sequence = (Long) event.get(event.getSchema().getField("sequence").pos());
                assertThat(sequence).as("%s sequence in %s", symbol, topic).isEqualTo(nextSequence.getOrDefault(symbol, 0L));
                nextSequence.put(symbol, sequence + 1);
                all.add(event);
            }
            assertThat(nextSequence).containsOnlyKeys("AAPL", "MSFT", "NVDA");
        }
        return all;
    }

    @Test
    void countSeedAndStartTimeGiveExactlyTheSameEventsTwiceGapFreeAndInOrder() {
        String[] run = {"--symbols", "AAPL,msft,NVDA", "--count", "3000", "--seed", "20261123",
                "--start-time", "2026-11-23T14:30:00Z", "--rate", "0"};
        CliRun first = produce("seeded-a", run);
        CliRun second = produce("seeded-b", run);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(summary(first.err())).containsExactly(3000, 3000, 0);

        Matcher quotes = Pattern.compile("seeded-a.quotes: sent (\\d+)").matcher(first.err());
        assertThat(quotes.find()).isTrue();
        long quoteCount = Long.parseLong(quotes.group(1));
        assertThat(KafkaIo.recordCount(KAFKA, "seeded-a.quotes")).isEqualTo(quoteCount);
        assertThat(KafkaIo.recordCount(KAFKA, "seeded-a.trades")).isEqualTo(3000 - quoteCount);
        List<SpecificRecord> a = readAndCheck("seeded-a", quoteCount, 3000 - quoteCount);
        List<SpecificRecord> b = readAndCheck("seeded-b", quoteCount, 3000 - quoteCount);
        assertThat(a).hasSize(3000).isEqualTo(b);
        assertThat(a).hasAtLeastOneElementOfType(Trade.class).hasAtLeastOneElementOfType(Quote.class);
    }

    @Test
    void sigtermFlushesClosesSummarisesAndExitsZero() throws Exception {
        assertThat(CliRun.of("topics", "create", "--topic-prefix", "signal", "--partitions", "2", "--bootstrap-servers", KAFKA)
                .exitCode()).isZero();
        Path jar = Path.of("target/producer-cli.jar");
        assertThat(jar).exists();
        Path err = Files.createTempFile("produce", ".err");
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "produce", "--symbols", "AAPL,MSFT,NVDA",
                "--rate", "500", "--topic-prefix", "signal", "--bootstrap-servers", KAFKA, "--schema-registry", REGISTRY)
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitForProgress(err, process);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("events/s |");
            long[] counts = summary(output);
            assertThat(counts[0]).isPositive().isEqualTo(counts[1]);
            assertThat(counts[2]).isZero();
            Matcher quotes = Pattern.compile("signal.quotes: sent (\\d+), acknowledged (\\d+)").matcher(output);
            assertThat(quotes.find()).isTrue();
            long quoteCount = Long.parseLong(quotes.group(2));
            // Everything acknowledged is in Kafka, and nothing more.
            assertThat(readAndCheck("signal", quoteCount, counts[1] - quoteCount)).hasSize((int) counts[1]);
            assertThat(KafkaIo.recordCount(KAFKA, "signal.quotes")).isEqualTo(quoteCount);
            assertThat(KafkaIo.recordCount(KAFKA, "signal.trades")).isEqualTo(counts[1] - quoteCount);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    private static void waitForProgress(Path err, Process process) throws IOException, InterruptedException {
        for (int i = 0; i < 600 && process.isAlive(); i++) {
            if (Files.readString(err).contains("events/s |")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no progress line from produce:\n" + Files.readString(err));
    }
}
