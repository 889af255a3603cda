package io.tickpipe.batch;

import static org.apache.spark.sql.functions.col;

import io.tickpipe.market.Trade;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The backfill as functions over Datasets, built from whatever Kafka-shaped rows they are given
 * (Spark's Kafka source in the job, rows made in memory in a test): the streaming job's decoding and
 * transformations, run as a batch, in which {@link MarketAnalytics#analyze} makes every bar final.
 */
public final class BatchPipeline {

    /** The {@code stream} tag of the job's {@code pipeline} points. */
    public static final String STREAM = "batch";

    private BatchPipeline() {
    }

    /** Kafka rows to analytics events: the trades topic's records decoded, then analysed. */
    public static Dataset<Row> backfill(Dataset<Row> kafkaRows, BackfillConfig config) {
        return analytics(decode(kafkaRows, config.kafka().tradesTopic(), Trade.getClassSchema(), config.registryConfig()),
                config.analytics());
    }

    /**
     * The rows of {@code topic} decoded into {@code reader}, keeping only what the backfill uses:
     * {@code topic}, {@code timestamp}, and the decode result's record and error reason.
     */
    public static Dataset<Row> decode(Dataset<Row> kafkaRows, String topic, Schema reader, Map<String, String> registryConfig) {
        return ConfluentAvroDecode.decode(kafkaRows.where(col("topic").equalTo(topic)), reader, registryConfig)
                .select(col("topic"), col("timestamp"), col(ConfluentAvroDecode.RECORD), col(ConfluentAvroDecode.ERROR_REASON));
    }

    /** Bars, indicators and anomalies of the decodable trades of a {@link #decode} result. */
    public static Dataset<Row> analytics(Dataset<Row> decodedTrades, AnalyticsConfig config) {
        return MarketAnalytics.analyze(ConfluentAvroDecode.records(decodedTrades), config);
    }
}
