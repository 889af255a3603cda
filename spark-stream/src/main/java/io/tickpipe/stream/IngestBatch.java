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
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One micro-batch of the ingest query: trades and quotes decoded; raw points to InfluxDB; what
 * cannot be decoded to {@code <topic>.dlq} with its reason, and counted in {@code pipeline}.
 *
 * <p>One Spark job per topic: the job that writes a topic's points also counts its undecodable
 * records (an {@link Observation}), so a batch without dead letters (nearly all of them) costs no
 * job of its own for them; only a batch with some decodes its topics again to write them. Every
 * Spark job and shuffle of this query takes CPU from the analytics query in the same JVM. A batch
 * that fails half-way (points written, dead letters not) is not committed and runs again after
 * the restart: its points overwrite themselves and its dead letters are written then.
 */
final class IngestBatch implements VoidFunction2<Dataset<Row>, Long> {

    private final StreamConfig config;
    private final PipelinePoints pipeline;

    IngestBatch(StreamConfig config, PipelinePoints pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws InterruptedException {
        // The batch is the source's plan: each action on it would read Kafka again (and count its rows
        // again in the query's progress).
        batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> trades = decoded(batch, config.tradesTopic(), Trade.getClassSchema());
            Dataset<Row> quotes = decoded(batch, config.quotesTopic(), Quote.getClassSchema());
            Observation tradeFailures = new Observation();
            Observation quoteFailures = new Observation();
            if (config.rawTrades()) {
                InfluxSink.write(ConfluentAvroDecode.records(UndecodableCounts.observe(trades, tradeFailures)), config.influx(),
                        MarketPoints::trade);
            } else {
                // No points to write, but the failures must still be counted.
                UndecodableCounts.observe(trades, tradeFailures)
                        .foreachPartition((ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(row -> { }));
            }
            InfluxSink.write(ConfluentAvroDecode.records(UndecodableCounts.observe(quotes, quoteFailures)), config.influx(),
                    MarketPoints::quote);
            List<UndecodableCounts.Count> failures = new ArrayList<>(UndecodableCounts.observed(config.tradesTopic(), tradeFailures));
            failures.addAll(UndecodableCounts.observed(config.quotesTopic(), quoteFailures));
            if (!failures.isEmpty()) {
                KafkaTopics.write(DeadLetters.of(trades).union(DeadLetters.of(quotes)), config);
                pipeline.write(deadLetterPoints(failures, batchId));
            }
        } finally {
            batch.unpersist();
        }
    }

    private Dataset<Row> decoded(Dataset<Row> batch, String topic, Schema reader) {
        return ConfluentAvroDecode.decode(batch.filter(col("topic").equalTo(topic)), reader, config.registryConfig());
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
