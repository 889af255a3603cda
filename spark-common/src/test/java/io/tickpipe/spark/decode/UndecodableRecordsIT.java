package io.tickpipe.spark.decode;

import static io.tickpipe.spark.decode.MarketSamples.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.KafkaRows;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.wire.WireFormat;
import io.tickpipe.wire.registry.RegistryConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad bytes becomes a row with its reason, no record and a message naming topic,
 * partition and offset; a registry outage instead fails the query.
 */
class UndecodableRecordsIT {
    private static final String TOPIC = "market.trades";
    private static final int PARTITION = 3;
    private static Map<Long, Row> outcomes;
    private static int tradeId;
    private static int otherId;

    @BeforeAll
    static void decodeOneOfEachKind() {
        tradeId = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        otherId = MarketSamples.registry().register(MarketSamples.uniqueSubject("other"), MarketSamples.OTHER);
        byte[] valid = encode(tradeId, Trade.getClassSchema(), MarketSamples.trade(1));
        byte[] unknownId = valid.clone();
        unknownId[1] = 0x7f;
        unknownId[2] = (byte) 0xff;
        unknownId[3] = (byte) 0xff;
        unknownId[4] = (byte) 0xf0;
        // A real header, then a string length of -1 (zig-zag 0x01): no Trade starts like that.
        byte[] garbage = Arrays.copyOf(valid, WireFormat.HEADER_LENGTH + 4);
        garbage[WireFormat.HEADER_LENGTH] = 0x01;
        GenericData.Record other = new GenericData.Record(MarketSamples.OTHER);
        other.put("a", 42L);

        SparkSession spark = LocalSpark.session();
        var rows = KafkaRows.of(TOPIC, PARTITION)
                .add("AAPL", valid)                                                         // 0
                .add("AAPL", new byte[0])                                                   // 1
                .add("AAPL", new byte[] {0, 0, 0})                                          // 2
                .add("AAPL", "{\"symbol\":\"AAPL\"}".getBytes(StandardCharsets.UTF_8))      // 3
                .add("AAPL", unknownId)                                                     // 4
                .add("AAPL", Arrays.copyOf(valid, valid.length - 1))                        // 5
                .add("AAPL", garbage)                                                       // 6
                .add("AAPL", Arrays.copyOf(valid, valid.length + 2))                        // 7
                .add("AAPL", encode(otherId, MarketSamples.OTHER, other))                   // 8
                .add("AAPL", null)                                                          // 9
                .add("AAPL", encode(tradeId, Trade.getClassSchema(), MarketSamples.trade(2))) // 10, after bad ones in its task
                .toDataset(spark);
        outcomes = ConfluentAvroDecode.decode(rows, Trade.getClassSchema(), MarketSamples.registryConfig())
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<Long>getAs("offset"), Function.identity()));
    }

    private static void assertUndecodable(long offset, String reason, Integer schemaId, String... messageParts) {
        Row row = outcomes.get(offset);
        assertThat(row.<String>getAs(ConfluentAvroDecode.ERROR_REASON)).as("reason at offset %d", offset).isEqualTo(reason);
        assertThat(row.<Row>getAs(ConfluentAvroDecode.RECORD)).isNull();
        assertThat(row.<Integer>getAs(ConfluentAvroDecode.SCHEMA_ID)).isEqualTo(schemaId);
        assertThat(row.<String>getAs(ConfluentAvroDecode.ERROR_MESSAGE))
                .startsWith("record " + TOPIC + "-" + PARTITION + "@" + offset + (schemaId == null ? ": " : " schema id " + schemaId + ": "))
                .contains(reason)
                .contains(messageParts);
    }

    @Test
    void theGoodRecordsAmongThemDecode() {
        for (long offset : new long[] {0, 10}) {
            Row row = outcomes.get(offset);
            assertThat(row.<String>getAs(ConfluentAvroDecode.ERROR_REASON)).isNull();
            assertThat(row.<String>getAs(ConfluentAvroDecode.ERROR_MESSAGE)).isNull();
            assertThat(row.<Integer>getAs(ConfluentAvroDecode.SCHEMA_ID)).isEqualTo(tradeId);
            assertThat(row.<Row>getAs(ConfluentAvroDecode.RECORD).<String>getAs("trade_id")).isEqualTo(offset == 0 ? "T-1" : "T-2");
        }
    }

    @Test
    void emptyAndShortValuesHaveNoHeader() {
        assertUndecodable(1, "TRUNCATED_HEADER", null, "0 bytes");
        assertUndecodable(2, "TRUNCATED_HEADER", null, "3 bytes");
    }

    @Test
    void aValueNotInTheConfluentFormat() {
        assertUndecodable(3, "BAD_MAGIC_BYTE", null, "0x7b");
    }

    @Test
    void anIdTheRegistryDoesNotKnow() {
        assertUndecodable(4, "UNKNOWN_SCHEMA_ID", 0x7ffffff0, "no schema with this id");
    }

    @Test
    void aPayloadCutShort() {
        assertUndecodable(5, "TRUNCATED_PAYLOAD", tradeId, "ends before the last field of io.tickpipe.market.Trade");
    }

    @Test
    void aPayloadThatIsNotAvroOfItsSchema() {
        assertUndecodable(6, "MALFORMED_PAYLOAD", tradeId, "not valid Avro of io.tickpipe.market.Trade");
        assertUndecodable(7, "MALFORMED_PAYLOAD", tradeId, "bytes left over");
    }

    @Test
    void aWriterSchemaTheReaderCannotRead() {
        assertUndecodable(8, "INCOMPATIBLE_WRITER_SCHEMA", otherId, "it.Other", "io.tickpipe.market.Trade");
    }

    @Test
    void aTombstoneIsDeadLetteredAsHavingNoHeader() {
        assertUndecodable(9, "TRUNCATED_HEADER", null, "null value (a tombstone)");
    }

    @Test
    void aRegistryOutageFailsTheQueryInsteadOfFilingDeadLetters() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> unreachable = Map.of(RegistryConfig.URL, "http://127.0.0.1:" + closedPort,
                RegistryConfig.MAX_RETRIES, "0", RegistryConfig.CONNECT_TIMEOUT_MS, "500");
        var rows = KafkaRows.of(TOPIC, 0).add("AAPL", encode(tradeId, Trade.getClassSchema(), MarketSamples.trade(1)))
                .toDataset(LocalSpark.session());
        assertThatThrownBy(() -> ConfluentAvroDecode.decode(rows, Trade.getClassSchema(), unreachable).collectAsList())
                .hasStackTraceContaining("RegistryUnavailableException");
    }

    @Test
    void everyRowIsAccountedFor() {
        assertThat(outcomes).hasSize(11);
        List<Long> failed = outcomes.values().stream().filter(r -> r.getAs(ConfluentAvroDecode.ERROR_REASON) != null)
                .map(r -> r.<Long>getAs("offset")).sorted().toList();
        assertThat(failed).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
}
