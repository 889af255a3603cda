package io.tickpipe.spark.decode;

import static io.tickpipe.spark.decode.MarketSamples.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.KafkaRows;
import io.tickpipe.spark.testing.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Undecodable rows become Kafka-sink rows for the dead-letter topic, bytes untouched, headers added. */
class DeadLettersIT {
    private static final byte[] GARBAGE = {0x47, 0x41, 0x52, 0x42, 0x41, 0x47, 0x45};
    private static final byte[] SHORT = {0, 0, 1};

    private Dataset<Row> decoded() {
        int id = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        return ConfluentAvroDecode.decode(KafkaRows.of("market.trades", 4)
                .add("AAPL", GARBAGE, Map.of("trace-id", "abc-123"))
                .add("MSFT", encode(id, Trade.getClassSchema(), MarketSamples.trade(1)), Map.of("trace-id", "def"))
                .add(null, SHORT)
                .toDataset(LocalSpark.session()), Trade.getClassSchema(), MarketSamples.registryConfig());
    }

    @Test
    void failedRowsGoToTheDeadLetterTopicWithTheirBytesAndHeaders() {
        List<Row> letters = DeadLetters.of(decoded()).orderBy("value").collectAsList();

        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).schema().fieldNames()).containsExactly("topic", "key", "value", "headers");
        Row short_ = letters.get(0);
        assertThat(short_.<String>getAs("topic")).isEqualTo("market.trades.dlq");
        assertThat(short_.<byte[]>getAs("key")).isNull();
        assertThat(short_.<byte[]>getAs("value")).isEqualTo(SHORT);
        assertThat(headers(short_)).containsExactly(
                Map.entry("tickpipe.dlq.reason", "TRUNCATED_HEADER"),
                Map.entry("tickpipe.dlq.message", "record market.trades-4@2: TRUNCATED_HEADER: 3 bytes, a Confluent-format record has at least 5"),
                Map.entry("tickpipe.dlq.topic", "market.trades"),
                Map.entry("tickpipe.dlq.partition", "4"),
                Map.entry("tickpipe.dlq.offset", "2"));

        Row garbage = letters.get(1);
        assertThat(garbage.<String>getAs("topic")).isEqualTo("market.trades.dlq");
        assertThat(garbage.<byte[]>getAs("key")).isEqualTo("AAPL".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.<byte[]>getAs("value")).isEqualTo(GARBAGE);
        assertThat(headers(garbage)).containsExactly(
                Map.entry("trace-id", "abc-123"),
                Map.entry("tickpipe.dlq.reason", "BAD_MAGIC_BYTE"),
                Map.entry("tickpipe.dlq.message", "record market.trades-4@0: BAD_MAGIC_BYTE: first byte is 0x47, expected 0x00:"
                        + " not written by a Confluent-format Avro serializer"),
                Map.entry("tickpipe.dlq.topic", "market.trades"),
                Map.entry("tickpipe.dlq.partition", "4"),
                Map.entry("tickpipe.dlq.offset", "0"));
    }

    @Test
    void rowsReadWithoutHeadersGetOnlyOurs() {
        List<Row> letters = DeadLetters.of(decoded().drop("headers")).orderBy("value").collectAsList();
        assertThat(letters).hasSize(2);
        assertThat(headers(letters.get(1)).keySet()).containsExactly("tickpipe.dlq.reason", "tickpipe.dlq.message",
                "tickpipe.dlq.topic", "tickpipe.dlq.partition", "tickpipe.dlq.offset");
    }

    private static Map<String, String> headers(Row letter) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Row header : letter.<Row>getList(letter.fieldIndex("headers"))) {
            headers.put(header.getString(0), new String(header.<byte[]>getAs(1), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
