package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Each server of the shared test stack does its real job. */
class LocalStackIT {

    static final String QUOTE_SCHEMA = "{\"type\":\"record\",\"name\":\"Quote\",\"namespace\":\"io.tickpipe.it\","
            + "\"fields\":[{\"name\":\"symbol\",\"type\":\"string\"},{\"name\":\"price\",\"type\":\"double\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack = TestStack.shared();
    private final String unique = UUID.randomUUID().toString().replace("-", "");

    @Test
    void endpoints_are_on_the_loopback_interface() {
        assertThat(stack.kafkaBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(stack.influxUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(stack.influxDatabase()).isEqualTo("market");
    }

    @Test
    void shared_stack_is_one_per_jvm() {
        assertThat(TestStack.shared()).isSameAs(stack);
    }

    @Test
    void kafka_returns_the_record_it_was_sent() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(stack.kafkaBootstrapServers());
        String topic = "quotes-" + unique;
        kafka.createTopic(topic);
        kafka.send(topic, "ACME", "101.25");

        assertThat(kafka.read(topic, 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("ACME", "101.25"));
    }

    @Test
    void registry_returns_a_registered_schema_by_its_id() throws Exception {
        RegistryTestClient registry = new RegistryTestClient(stack.schemaRegistryUrl());
        String subject = "quotes-" + unique + "-value";

        int id = registry.register(subject, QUOTE_SCHEMA);

        assertThat(JSON.readTree(registry.schema(id))).isEqualTo(JSON.readTree(QUOTE_SCHEMA));
        assertThat(registry.subjects()).extracting(JsonNode::asText).contains(subject);
        assertThat(registry.register(subject, QUOTE_SCHEMA)).as("same schema, same id").isEqualTo(id);
    }

    @Test
    void influxdb_answers_a_query_with_the_point_written() throws Exception {
        InfluxTestClient influx = new InfluxTestClient(stack.influxUrl(), stack.influxDatabase());
        String measurement = "quotes_" + unique;
        influx.write(measurement + ",symbol=ACME price=101.25 1700000000000000000");

        JsonNode rows = influx.rows("SELECT price FROM " + measurement + " WHERE symbol='ACME'");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0).asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(rows.get(0).get(1).asDouble()).isEqualTo(101.25);
    }
}
