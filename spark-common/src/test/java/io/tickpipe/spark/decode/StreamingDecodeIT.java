package io.tickpipe.spark.decode;

import static io.tickpipe.spark.decode.MarketSamples.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.stack.TestStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decode in a streaming query on Spark's Kafka source: good records come out decoded, bad ones
 * reach the dead-letter topic through Spark's Kafka sink, and a schema version registered after the
 * query's plan was built decodes when the query runs again from its checkpoint.
 */
class StreamingDecodeIT {
    private final SparkSession spark = LocalSpark.session();
    private final String kafka = TestStack.shared().kafkaBootstrapServers();

    @TempDir
    Path checkpoints;

    @Test
    void goodRecordsDecodeAndBadOnesReachTheDeadLetterTopic() throws TimeoutException, StreamingQueryException {
        String topic = KafkaIo.uniqueTopic("decode-stream");
        String deadLetterTopic = topic + ".dlq";
        KafkaIo.createTopic(kafka, topic, 2);
        KafkaIo.createTopic(kafka, deadLetterTopic, 1);
        String subject = MarketSamples.uniqueSubject("trades");
        int v2 = MarketSamples.registry().register(subject, Trade.getClassSchema());
        List<byte[]> values = new java.util.ArrayList<>(IntStream.range(0, 6)
                .mapToObj(i -> encode(v2, Trade.getClassSchema(), MarketSamples.trade(i))).toList());
        values.add("not avro".getBytes(StandardCharsets.UTF_8));
        values.add(new byte[] {0, 0});
        values.add(new byte[] {0, 0x7f, -1, -1, -2, 2, 0x41});
        KafkaIo.produceRaw(kafka, topic, "AAPL", values);

        Dataset<Row> decoded = ConfluentAvroDecode.decode(spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("includeHeaders", "true")
                .load(), Trade.getClassSchema(), MarketSamples.registryConfig());

        assertThat(runToEnd(decoded)).map(r -> r.<String>getAs("trade_id"))
                .containsExactly("T-0", "T-1", "T-2", "T-3", "T-4", "T-5");

        DeadLetters.of(decoded).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka)
                .option("checkpointLocation", checkpoints.resolve("dlq").toString())
                .trigger(Trigger.AvailableNow())
                .start().awaitTermination();
        assertThat(KafkaIo.recordCount(kafka, deadLetterTopic)).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> letters = KafkaIo.consumeRaw(kafka, deadLetterTopic, 3);
        assertThat(letters).map(ConsumerRecord::key).containsOnly("AAPL");
        assertThat(letters).map(l -> reason(l)).containsExactlyInAnyOrder("BAD_MAGIC_BYTE", "TRUNCATED_HEADER", "UNKNOWN_SCHEMA_ID");
        assertThat(letters).map(ConsumerRecord::value).anySatisfy(v -> assertThat(v).isEqualTo(values.get(6)));

        // The same plan, built before this version existed, runs on from its checkpoint.
        int v3 = MarketSamples.registry().register(subject, MarketSamples.TRADE_V3);
        KafkaIo.produceRaw(kafka, topic, "MSFT", List.of(
                encode(v3, MarketSamples.TRADE_V3, MarketSamples.tradeV3(6, "XCHI")),
                encode(v2, Trade.getClassSchema(), MarketSamples.trade(7))));
        assertThat(runToEnd(decoded)).map(r -> r.getAs("trade_id") + " " + r.getAs("currency"))
                .containsExactly("T-6 USD", "T-7 EUR");
    }

    /** Runs the records query from its checkpoint to the end of the topic; the records of this run by sequence. */
    private List<Row> runToEnd(Dataset<Row> decoded) throws TimeoutException, StreamingQueryException {
        List<Row> records = new CopyOnWriteArrayList<>();
        ConfluentAvroDecode.records(decoded).writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> records.addAll(batch.collectAsList()))
                .option("checkpointLocation", checkpoints.resolve("records").toString())
                .trigger(Trigger.AvailableNow())
                .start().awaitTermination();
        return records.stream().sorted(Comparator.comparingLong(r -> r.<Long>getAs("sequence"))).toList();
    }

    private static String reason(ConsumerRecord<String, byte[]> letter) {
        return StreamSupport.stream(letter.headers().headers(DeadLetters.REASON_HEADER).spliterator(), false)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
    }
}
