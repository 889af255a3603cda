package io.tickpipe.stream;

import static org.apache.spark.sql.functions.col;

import com.influxdb.client.write.Point;
import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.decode.DeadLetters;
import io.tickpipe.spark.decode.UndecodableCounts;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.measurements.MarketPoints;
import io.tickpipe.spark.measurements.RawPointLines;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * One micro-batch of the ingest query: trades and quotes decoded; their raw points to InfluxDB
 * (unless {@code --raw=false}); what cannot be decoded to {@code <topic>.dlq} with its reason, and
 * counted in {@code pipeline}.
 *
 * <p>Without raw points ({@code --raw=false}) trades and quotes are only checked
 * ({@link ConfluentAvroDecode.TopicReader#checkOnly}), not decoded: each one's verdict, and so its
 * dead letter, is what a decode would give, without building records that would be dropped.
 *
 * <p>One Spark job for the whole batch: both topics decoded in one pass (each row with its topic's
 * reader schema), their points written by the same tasks, their undecodable records counted on the
 * way through (an {@link Observation}). Every Spark job costs planning, task launches and a read of
 * the batch, taken from the analytics query in the same JVM, so the common batch, without dead
 * letters, has no other; only a batch with some reads and decodes its records again to write them
 * (and so counts its input twice in the query's progress). A batch that fails half-way (points
 * written, dead letters not) is not committed and runs again after the restart: its points
 * overwrite themselves and its dead letters are written then.
 *
 * <p>With a local master the batch's work waits for the second half of its trigger interval
 * ({@link HalfIntervalDelay}): the first half belongs to the analytics query's batch.
 */
final class IngestBatch implements VoidFunction2<Dataset<Row>, Long> {

    private static final String TRADE = "trade";
    private static final String QUOTE = "quote";

    private final StreamConfig config;
    private final PipelinePoints pipeline;
    private final HalfIntervalDelay delay;

    IngestBatch(StreamConfig config, PipelinePoints pipeline, HalfIntervalDelay delay) {
        this.config = config;
        this.pipeline = pipeline;
        this.delay = delay;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws InterruptedException {
        delay.await();
        List<ConfluentAvroDecode.TopicReader> readers = List.of(
                reader(config.tradesTopic(), Trade.getClassSchema(), TRADE),
                reader(config.quotesTopic(), Quote.getClassSchema(), QUOTE));
        List<String> topics = readers.stream().map(ConfluentAvroDecode.TopicReader::topic).toList();
        Dataset<Row> decoded = ConfluentAvroDecode.decodeByTopic(
                batch.coalesce(StreamTopology.ingestTasks(batch.sparkSession())), readers, config.registryConfig());
        Observation failures = new Observation();
        // Observed before any row is left out, so the failures of every topic are counted.
        Dataset<Row> observed = UndecodableCounts.observe(decoded, topics, failures);
        if (config.raw()) {
            InfluxSink.writeLines(observed.where(col(ConfluentAvroDecode.ERROR_REASON).isNull()).select(col(TRADE), col(QUOTE)),
                    config.influx(), RawPointLines::tradeOrQuote);
        } else {
            // Nothing to write: the batch's one action reads it for the counts, and keeps no row.
            observed.where(ConfluentAvroDecode.failed()).foreachPartition((ForeachPartitionFunction<Row>) IngestBatch::drain);
        }
        List<UndecodableCounts.Count> undecodable = UndecodableCounts.observed(topics, failures);
        if (!undecodable.isEmpty()) {
            KafkaTopics.write(DeadLetters.of(decoded), config);
            pipeline.write(deadLetterPoints(undecodable, batchId));
        }
    }

    /** Without raw points the records are not needed, only which ones are dead letters. */
    private ConfluentAvroDecode.TopicReader reader(String topic, Schema readerSchema, String recordColumn) {
        return config.raw() ? new ConfluentAvroDecode.TopicReader(topic, readerSchema, recordColumn)
                : ConfluentAvroDecode.TopicReader.checkOnly(topic, readerSchema);
    }

    private static void drain(Iterator<Row> rows) {
        rows.forEachRemaining(row -> { });
    }

    private static List<Point> deadLetterPoints(List<UndecodableCounts.Count> failures, long batchId) {
        List<Point> points = new ArrayList<>();
        for (UndecodableCounts.Count failure : failures) {
            points.add(MarketPoints.deadLetters(StreamTopology.INGEST, failure.topic(), failure.reason(), failure.records(),
                    failure.newest(), batchId));
        }
        return points;
    }
}
