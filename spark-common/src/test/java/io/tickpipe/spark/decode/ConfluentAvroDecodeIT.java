package io.tickpipe.spark.decode;

import static io.tickpipe.spark.decode.MarketSamples.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.KafkaRows;
import io.tickpipe.spark.testing.LocalSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Good records of every version decode, field by field, into the current reader schema. */
class ConfluentAvroDecodeIT {
    private static final String TRADES = "market.trades";
    private final SparkSession spark = LocalSpark.session();

    @Test
    void tradesOfV1AndV2DecodeIntoTheV2ReaderWithV1ReadAsUsd() {
        String subject = MarketSamples.uniqueSubject("trades");
        int v1 = MarketSamples.registry().register(subject, MarketSamples.TRADE_V1);
        int v2 = MarketSamples.registry().register(subject, Trade.getClassSchema());
        KafkaRows rows = KafkaRows.of(TRADES, 0);
        for (int i = 0; i < 6; i++) {
            rows.add(i % 2 == 0 ? "AAPL" : "MSFT", i < 3
                    ? encode(v1, MarketSamples.TRADE_V1, MarketSamples.tradeV1(i))
                    : encode(v2, Trade.getClassSchema(), MarketSamples.trade(i)));
        }
        Dataset<Row> decoded = ConfluentAvroDecode.decode(rows.toDataset(spark), Trade.getClassSchema(), MarketSamples.registryConfig());

        assertThat(decoded.where(ConfluentAvroDecode.failed()).count()).isZero();
        assertThat(decoded.orderBy("offset").select(ConfluentAvroDecode.SCHEMA_ID).as(org.apache.spark.sql.Encoders.INT()).collectAsList())
                .containsExactly(v1, v1, v1, v2, v2, v2);
        List<Row> trades = ConfluentAvroDecode.records(decoded).orderBy("sequence").collectAsList();
        assertThat(trades).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Trade sent = MarketSamples.trade(i);
            Row got = trades.get(i);
            assertThat(got.schema().fieldNames()).containsExactly("symbol", "price", "size", "event_time", "trade_id",
                    "exchange", "conditions", "sequence", "currency");
            assertThat(got.getString(0)).isEqualTo(sent.getSymbol());
            assertThat(got.getDouble(1)).isEqualTo(sent.getPrice());
            assertThat(got.getDouble(2)).isEqualTo(sent.getSize());
            assertThat(got.getTimestamp(3).toInstant()).isEqualTo(sent.getEventTime());
            assertThat(got.getString(4)).isEqualTo(sent.getTradeId());
            assertThat(got.getString(5)).isEqualTo(sent.getExchange());
            assertThat(got.<String>getList(6)).isEqualTo(sent.getConditions());
            assertThat(got.getLong(7)).isEqualTo(sent.getSequence());
            assertThat(got.getString(8)).isEqualTo(i < 3 ? "USD" : sent.getCurrency());
        }
    }

    @Test
    void quotesDecode() {
        int id = MarketSamples.registry().register(MarketSamples.uniqueSubject("quotes"), Quote.getClassSchema());
        KafkaRows rows = KafkaRows.of("market.quotes", 1);
        for (int i = 0; i < 3; i++) {
            rows.add("NVDA", encode(id, Quote.getClassSchema(), MarketSamples.quote(i)));
        }
        List<Row> quotes = ConfluentAvroDecode.records(
                ConfluentAvroDecode.decode(rows.toDataset(spark), Quote.getClassSchema(), MarketSamples.registryConfig()))
                .orderBy("sequence").collectAsList();
        assertThat(quotes).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Quote sent = MarketSamples.quote(i);
            Row got = quotes.get(i);
            assertThat(got.schema().fieldNames()).containsExactly("symbol", "bid", "ask", "bid_size", "ask_size",
                    "event_time", "exchange", "sequence");
            assertThat(got.getString(0)).isEqualTo(sent.getSymbol());
            assertThat(got.getDouble(1)).isEqualTo(sent.getBid());
            assertThat(got.getDouble(2)).isEqualTo(sent.getAsk());
            assertThat(got.getDouble(3)).isEqualTo(sent.getBidSize());
            assertThat(got.getDouble(4)).isEqualTo(sent.getAskSize());
            assertThat(got.getTimestamp(5).toInstant()).isEqualTo(sent.getEventTime());
            assertThat(got.getString(6)).isEqualTo(sent.getExchange());
            assertThat(got.getLong(7)).isEqualTo(sent.getSequence());
        }
    }

    @Test
    void aTopicOnlyCheckedGetsTheVerdictsOfADecodeAndNoRecordColumn() {
        int trade = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        int quote = MarketSamples.registry().register(MarketSamples.uniqueSubject("quotes"), Quote.getClassSchema());
        byte[] good = encode(trade, Trade.getClassSchema(), MarketSamples.trade(0));
        Dataset<Row> rows = KafkaRows.of(TRADES, 0)
                .add("AAPL", good)                                                                  // 0
                .add("AAPL", java.util.Arrays.copyOf(good, good.length - 3))                        // 1: cut short
                .add("AAPL", java.util.Arrays.copyOf(good, good.length + 1))                        // 2: a byte left over
                .add("AAPL", encode(quote, Quote.getClassSchema(), MarketSamples.quote(7)))         // 3: a quote is no trade
                .add("AAPL", new byte[] {0, 0x7f, 0, 0, 1, 2})                                      // 4: unknown id
                .toDataset(spark)
                .union(KafkaRows.of("market.quotes", 1)
                        .add("NVDA", encode(quote, Quote.getClassSchema(), MarketSamples.quote(1)))
                        .toDataset(spark));
        ConfluentAvroDecode.TopicReader quotes = new ConfluentAvroDecode.TopicReader("market.quotes", Quote.getClassSchema(), "quote");

        Dataset<Row> checked = ConfluentAvroDecode.decodeByTopic(rows, List.of(
                ConfluentAvroDecode.TopicReader.checkOnly(TRADES, Trade.getClassSchema()), quotes), MarketSamples.registryConfig());
        Dataset<Row> decoded = ConfluentAvroDecode.decodeByTopic(rows, List.of(
                new ConfluentAvroDecode.TopicReader(TRADES, Trade.getClassSchema(), "trade"), quotes), MarketSamples.registryConfig());

        assertThat(checked.columns()).doesNotContain("trade").contains("quote", ConfluentAvroDecode.ERROR_REASON);
        String[] verdict = {"topic", "offset", ConfluentAvroDecode.SCHEMA_ID, ConfluentAvroDecode.ERROR_REASON,
                ConfluentAvroDecode.ERROR_MESSAGE};
        List<Row> checkedVerdicts = checked.selectExpr(verdict).orderBy("topic", "offset").collectAsList();
        assertThat(checkedVerdicts).isEqualTo(decoded.selectExpr(verdict).orderBy("topic", "offset").collectAsList());
        assertThat(checkedVerdicts).extracting(r -> r.getString(3)).containsExactly(null, null, "TRUNCATED_PAYLOAD",
                "MALFORMED_PAYLOAD", "INCOMPATIBLE_WRITER_SCHEMA", "UNKNOWN_SCHEMA_ID");
        assertThat(checked.where("quote IS NOT NULL").select("quote.bid").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList())
                .containsExactly(MarketSamples.quote(1).getBid());
    }

    @Test
    void severalTopicsDecodeInOnePassEachIntoItsOwnSchemaAndTheirFailuresAreCountedPerTopic() throws Exception {
        int trade = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        int quote = MarketSamples.registry().register(MarketSamples.uniqueSubject("quotes"), Quote.getClassSchema());
        Dataset<Row> rows = KafkaRows.of(TRADES, 0)
                .add("AAPL", encode(trade, Trade.getClassSchema(), MarketSamples.trade(0)))         // 0
                .add("AAPL", new byte[] {9, 9, 9, 9, 9, 9})                                        // 1
                .add("AAPL", encode(quote, Quote.getClassSchema(), MarketSamples.quote(7)))         // 2: a quote is no trade
                .toDataset(spark)
                .union(KafkaRows.of("market.quotes", 1)
                        .add("NVDA", encode(quote, Quote.getClassSchema(), MarketSamples.quote(1)))  // 0
                        .add("NVDA", new byte[] {0})                                                // 1
                        .add("NVDA", new byte[] {9, 9, 9, 9, 9, 9})                                 // 2
                        .toDataset(spark))
                .union(KafkaRows.of("market.other", 2)
                        .add("X", encode(trade, Trade.getClassSchema(), MarketSamples.trade(5)))
                        .toDataset(spark));

        Dataset<Row> decoded = ConfluentAvroDecode.decodeByTopic(rows, List.of(
                new ConfluentAvroDecode.TopicReader(TRADES, Trade.getClassSchema(), "trade"),
                new ConfluentAvroDecode.TopicReader("market.quotes", Quote.getClassSchema(), "quote")),
                MarketSamples.registryConfig());
        org.apache.spark.sql.Observation observation = new org.apache.spark.sql.Observation();
        List<String> topics = List.of(TRADES, "market.quotes");
        Map<String, Row> byRecord = UndecodableCounts.observe(decoded, topics, observation).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("topic")) + "/" + r.getLong(r.fieldIndex("offset")), r -> r));

        assertThat(byRecord).containsOnlyKeys("market.trades/0", "market.trades/1", "market.trades/2",
                "market.quotes/0", "market.quotes/1", "market.quotes/2");
        Row goodTrade = byRecord.get("market.trades/0");
        assertThat(goodTrade.<Integer>getAs(ConfluentAvroDecode.SCHEMA_ID)).isEqualTo(trade);
        assertThat(goodTrade.<Row>getAs("trade").<String>getAs("trade_id")).isEqualTo(MarketSamples.trade(0).getTradeId());
        assertThat(goodTrade.<Row>getAs("quote")).isNull();
        Row goodQuote = byRecord.get("market.quotes/0");
        assertThat(goodQuote.<Row>getAs("quote").<Double>getAs("bid")).isEqualTo(MarketSamples.quote(1).getBid());
        assertThat(goodQuote.<Row>getAs("trade")).isNull();
        assertThat(goodQuote.<String>getAs(ConfluentAvroDecode.ERROR_REASON)).isNull();
        Map<String, String> reasons = byRecord.entrySet().stream()
                .filter(e -> e.getValue().getAs(ConfluentAvroDecode.ERROR_REASON) != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().<String>getAs(ConfluentAvroDecode.ERROR_REASON)));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "market.trades/1", "BAD_MAGIC_BYTE", "market.trades/2", "INCOMPATIBLE_WRITER_SCHEMA",
                "market.quotes/1", "TRUNCATED_HEADER", "market.quotes/2", "BAD_MAGIC_BYTE"));
        assertThat(byRecord.get("market.trades/2").<String>getAs(ConfluentAvroDecode.ERROR_MESSAGE))
                .startsWith("record market.trades-0@2 schema id " + quote + ": ");
        for (String failed : reasons.keySet()) {
            assertThat(byRecord.get(failed).<Row>getAs("trade")).isNull();
            assertThat(byRecord.get(failed).<Row>getAs("quote")).isNull();
        }

        assertThat(UndecodableCounts.observed(topics, observation))
                .extracting(UndecodableCounts.Count::topic, UndecodableCounts.Count::reason, UndecodableCounts.Count::records)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(TRADES, "BAD_MAGIC_BYTE", 1L),
                        org.assertj.core.groups.Tuple.tuple(TRADES, "INCOMPATIBLE_WRITER_SCHEMA", 1L),
                        org.assertj.core.groups.Tuple.tuple("market.quotes", "TRUNCATED_HEADER", 1L),
                        org.assertj.core.groups.Tuple.tuple("market.quotes", "BAD_MAGIC_BYTE", 1L));
    }

    @Test
    void aVersionRegisteredAfterTheFirstDecodeDecodes() {
        String subject = MarketSamples.uniqueSubject("trades");
        int v2 = MarketSamples.registry().register(subject, Trade.getClassSchema());
        Dataset<Row> first = ConfluentAvroDecode.decode(KafkaRows.of(TRADES, 0)
                .add("AAPL", encode(v2, Trade.getClassSchema(), MarketSamples.trade(0))).toDataset(spark),
                Trade.getClassSchema(), MarketSamples.registryConfig());
        assertThat(ConfluentAvroDecode.records(first).count()).isEqualTo(1);

        int v3 = MarketSamples.registry().register(subject, MarketSamples.TRADE_V3);
        Dataset<Row> later = ConfluentAvroDecode.decode(KafkaRows.of(TRADES, 0)
                .add("AAPL", encode(v2, Trade.getClassSchema(), MarketSamples.trade(1)))
                .add("AAPL", encode(v3, MarketSamples.TRADE_V3, MarketSamples.tradeV3(2, "XCHI"))).toDataset(spark),
                Trade.getClassSchema(), MarketSamples.registryConfig());
        assertThat(ConfluentAvroDecode.records(later).orderBy("sequence").select("sequence", "trade_id").collectAsList())
                .map(Row::toString).containsExactly("[1,T-1]", "[2,T-2]");
    }

    @Test
    void decodesTheSameWhenSparkEvaluatesWithoutGeneratedCode() {
        int id = MarketSamples.registry().register(MarketSamples.uniqueSubject("trades"), Trade.getClassSchema());
        // A local list: Spark's optimizer evaluates the projection itself, interpreted, at planning time.
        List<Row> local = KafkaRows.of(TRADES, 0)
                .add("AAPL", encode(id, Trade.getClassSchema(), MarketSamples.trade(4)))
                .add("AAPL", new byte[] {1, 2, 3, 4, 5, 6})
                .toDataset(spark).collectAsList();
        Dataset<Row> decoded = ConfluentAvroDecode.decode(spark.createDataFrame(local, KafkaRows.SCHEMA),
                Trade.getClassSchema(), MarketSamples.registryConfig());
        Map<Long, String> outcome = decoded.select(functions.col("offset"),
                        functions.coalesce(functions.col(ConfluentAvroDecode.ERROR_REASON), functions.col("record.trade_id")))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getLong(0), r -> r.getString(1)));
        assertThat(outcome).containsExactlyInAnyOrderEntriesOf(Map.of(0L, "T-4", 1L, "BAD_MAGIC_BYTE"));
    }

    @Test
    void theReaderSchemaMustBeARecord() {
        Schema notARecord = Schema.create(Schema.Type.STRING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfluentAvroDecode.decode(
                        KafkaRows.of(TRADES, 0).toDataset(spark), notARecord, MarketSamples.registryConfig()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an Avro record");
    }
}
