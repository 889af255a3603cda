package io.tickpipe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import io.tickpipe.wire.kafka.KafkaAvroSerializer;
import io.tickpipe.wire.test.Probe;
import io.tickpipe.wire.testing.KafkaIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactness against an independent implementation: Confluent's own Python client
 * (python3-confluent-kafka) reads what our serializer writes, and our deserializer reads what its
 * serializer writes, through the same registry and broker.
 */
class ConfluentPythonInteropIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/confluent_interop.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KAFKA = TestStack.shared().kafkaBootstrapServers();
    private static final String REGISTRY = TestStack.shared().schemaRegistryUrl();

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    @Test
    void confluentsPythonClientReadsWhatWeWrite() throws Exception {
        String topic = KafkaIo.uniqueTopic("to-python");
        KafkaIo.createTopic(KAFKA, topic, 1);
        List<Probe> sent = Probes.make(25, 11);
        var serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", REGISTRY), false);
        KafkaIo.produce(KAFKA, topic, serializer, sent, Probe::getSymbol);

        List<String> lines = python("", "consume", "--topic", topic, "--count", String.valueOf(sent.size()));
        assertThat(lines).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            JsonNode value = line.get("value");
            Probe expected = sent.get(i);
            assertThat(line.get("key").asText()).isEqualTo(expected.getSymbol());
            assertThat(value.get("symbol").asText()).isEqualTo(expected.getSymbol());
            assertThat(value.get("price").doubleValue()).isEqualTo(expected.getPrice());
            assertThat(value.get("count").longValue()).isEqualTo(expected.getCount());
            assertThat(value.get("event_time").longValue()).isEqualTo(micros(expected.getEventTime()));
            List<String> tags = new ArrayList<>();
            value.get("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags).isEqualTo(expected.getTags());
            assertThat(value.get("note").isNull() ? null : value.get("note").asText()).isEqualTo(expected.getNote());
        }
    }

    @Test
    void weReadWhatConfluentsPythonClientWrites() throws Exception {
        String topic = KafkaIo.uniqueTopic("from-python");
        KafkaIo.createTopic(KAFKA, topic, 1);
        List<Probe> expected = Probes.make(25, 13);
        StringBuilder input = new StringBuilder();
        for (Probe probe : expected) {
            ObjectNode value = JSON.createObjectNode()
                    .put("symbol", probe.getSymbol())
                    .put("price", probe.getPrice())
                    .put("count", probe.getCount())
                    .put("event_time", micros(probe.getEventTime()))
                    .put("note", probe.getNote());
            value.putArray("tags").addAll(probe.getTags().stream().map(JSON.getNodeFactory()::textNode).toList());
            input.append(JSON.writeValueAsString(JSON.createObjectNode().put("key", probe.getSymbol()).set("value", value)))
                    .append('\n');
        }
        python(input.toString(), "produce", "--topic", topic, "--schema", "src/test/avro/Probe.avsc");

        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", REGISTRY, "specific.avro.reader", "true"), false);
        List<ConsumerRecord<String, Object>> records = KafkaIo.consume(KAFKA, topic, expected.size(), deserializer);
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyElementsOf(expected.stream().map(Probe::getSymbol).toList());
    }

    private static List<String> python(String stdin, String command, String... args) throws IOException, InterruptedException {
        assertThat(PYTHON).as("Debian's python3 with python3-confluent-kafka and python3-avro (apt-get install "
                + "python3-confluent-kafka python3-avro python3-requests)").exists();
        List<String> commandLine = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), command,
                "--bootstrap", KAFKA, "--registry", REGISTRY));
        commandLine.addAll(List.of(args));
        Path stderr = Files.createTempFile("confluent-interop", ".err");
        Process process = new ProcessBuilder(commandLine).redirectError(stderr.toFile()).start();
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("confluent_interop.py " + command + " did not finish");
            }
            String err = Files.readString(stderr);
            assertThat(process.exitValue()).as("confluent_interop.py %s failed:%n%s", command, err).isZero();
            return out.lines().filter(l -> !l.isBlank()).toList();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }
}
