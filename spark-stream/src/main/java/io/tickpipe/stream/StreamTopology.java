package io.tickpipe.stream;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The job's two streaming queries, each built by a static method from its input rows and its
 * sink, so a test can build them over any source and start them with its own trigger:
 * <ul>
 *   <li>{@value #ANALYTICS}: trades, decoded, into bars, indicators and anomalies (stateful,
 *       checkpointed);</li>
 *   <li>{@value #INGEST}: trades and quotes, decoded, into raw points; what cannot be decoded into
 *       the dead-letter topics (stateless).</li>
 * </ul>
 * Two queries, because a micro-batch can only be split between several sinks after the stateful
 * step, and raw points and dead letters must not wait for (or be replayed with) the bars' state.
 */
public final class StreamTopology {

    public static final String ANALYTICS = "analytics";
    public static final String INGEST = "ingest";

    private StreamTopology() {
    }

    public static DataStreamWriter<Row> analytics(Dataset<Row> tradeRows, StreamConfig config,
                                                  VoidFunction2<Dataset<Row>, Long> sink) {
        // Reading and decoding a second of trades is little work per Kafka partition: as many tasks as
        // the stateful step has, not one per partition, so a batch of bars needs few task slots.
        Dataset<Row> trades = ConfluentAvroDecode.records(ConfluentAvroDecode.decode(
                tradeRows.coalesce(stateTasks(tradeRows.sparkSession())), Trade.getClassSchema(), config.registryConfig()));
        return MarketAnalytics.analyze(trades, config.analytics())
                .writeStream()
                .queryName(ANALYTICS)
                .outputMode(OutputMode.Append())
                .option("checkpointLocation", config.checkpoint(ANALYTICS))
                .trigger(Trigger.ProcessingTime(config.triggerMillis()))
                .foreachBatch(sink);
    }

    public static DataStreamWriter<Row> ingest(Dataset<Row> kafkaRows, StreamConfig config,
                                               VoidFunction2<Dataset<Row>, Long> sink) {
        return kafkaRows.writeStream()
                .queryName(INGEST)
                .option("checkpointLocation", config.checkpoint(INGEST))
                .trigger(Trigger.ProcessingTime(config.ingestTriggerMillis()))
                .foreachBatch(sink);
    }

    /** The tasks of the analytics query's stateful step: one per shuffle partition. */
    static int stateTasks(SparkSession spark) {
        return Integer.parseInt(spark.conf().get(SparkDefaults.SHUFFLE_PARTITIONS));
    }

    /**
     * At most half the task slots for a batch of raw points: however big a batch of them gets (after
     * an outage, say), the other half stays free for the bars, which the FAIR pools give them first.
     */
    static int ingestTasks(SparkSession spark) {
        return Math.max(1, spark.sparkContext().defaultParallelism() / 2);
    }

    /** The queries over the configured Kafka topics, writing to InfluxDB and the dead-letter topics. */
    static DataStreamWriter<Row> analyticsFromKafka(SparkSession spark, StreamConfig config) {
        return analytics(KafkaTopics.stream(spark, config, config.tradesTopic()), config, new AnalyticsBatch(config.influx(), config.analytics()));
    }

    /** {@code pipeline} writes the dead-letter counts (the driver's few points per micro-batch). */
    static DataStreamWriter<Row> ingestFromKafka(SparkSession spark, StreamConfig config, PipelinePoints pipeline) {
        return ingest(KafkaTopics.stream(spark, config, config.tradesTopic(), config.quotesTopic()), config,
                new IngestBatch(config, pipeline, HalfIntervalDelay.of(config.triggerMillis(), spark.sparkContext().isLocal())));
    }
}
