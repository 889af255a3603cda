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
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One micro-batch of the ingest query: trades and quotes decoded; raw points to InfluxDB; what
 * cannot be decoded to {@code <topic>.dlq} with its reason, and counted in {@code pipeline}.
 * Dead letters are written before the points, so a batch that fails half-way leaves nothing
 * unaccounted for: it is run again after the restart (dead letters may then appear twice).
 */
final class IngestBatch implements VoidFunction2<Dataset<Row>, Long> {

    private final StreamConfig config;
    private final PipelinePoints pipeline;

    IngestBatch(StreamConfig config, PipelinePoints pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        // The batch is the source's plan: each action on it would read Kafka again (and count its rows
        // again in the query's progress). Each decoded set feeds several writes, which would decode again.
        batch.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> trades = decoded(batch, config.tradesTopic(), Trade.getClassSchema());
        Dataset<Row> quotes = decoded(batch, config.quotesTopic(), Quote.getClassSchema());
        try {
            List<UndecodableCounts.Count> failures = UndecodableCounts.of(trades, quotes);
            if (!failures.isEmpty()) {
                KafkaTopics.write(DeadLetters.of(trades).union(DeadLetters.of(quotes)), config);
            }
            if (config.rawTrades()) {
                InfluxSink.write(ConfluentAvroDecode.records(trades), config.influx(), MarketPoints::trade);
            }
            InfluxSink.write(ConfluentAvroDecode.records(quotes), config.influx(), MarketPoints::quote);
            if (!failures.isEmpty()) {
                pipeline.write(deadLetterPoints(failures, batchId));
            }
        } finally {
            trades.unpersist();
            quotes.unpersist();
            batch.unpersist();
        }
    }

    private Dataset<Row> decoded(Dataset<Row> batch, String topic, Schema reader) {
        return ConfluentAvroDecode.decode(batch.filter(col("topic").equalTo(topic)), reader, config.registryConfig())
                .persist(StorageLevel.MEMORY_AND_DISK());
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
