package io.tickpipe.batch;

import com.influxdb.client.write.Point;
import io.tickpipe.influx.InfluxPointWriter;
import io.tickpipe.influx.InfluxPointWriters;
import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.decode.UndecodableCounts;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.measurements.MarketPoints;
import io.tickpipe.spark.measurements.RawPointLines;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backfill run against Kafka and InfluxDB: reads the range, writes the analytics points (and,
 * with --raw, trades and quotes), then counts what could not be decoded, logs it and writes the
 * counts to {@code pipeline}. Every point is timed by the data, so running it again, or over a range
 * the streaming job saw, overwrites points instead of adding to them.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    /** What a run read: trade records (decodable or not), and the undecodable ones per topic and reason. */
    public record Report(long tradeRecords, List<UndecodableCounts.Count> undecodable) {
    }

    private Backfill() {
    }

    public static Report run(SparkSession spark, BackfillConfig config) {
        Dataset<Row> rows = KafkaHistory.read(spark, config.kafka(), config.topics(), config.from(), config.to());
        // Each decoded set feeds several actions: read once, so they all see the same records (the
        // end of an open range is where the topics ended when the first action ran).
        Dataset<Row> trades = decoded(rows, config.kafka().tradesTopic(), Trade.getClassSchema(), config);
        Dataset<Row> quotes = config.raw() ? decoded(rows, config.kafka().quotesTopic(), Quote.getClassSchema(), config) : null;
        try {
            InfluxSink.write(BatchPipeline.analytics(trades, config.analytics()), config.influx(),
                    MarketPoints.analytics(config.analytics(), BatchPipeline.STREAM));
            if (config.raw()) {
                InfluxSink.writeLines(ConfluentAvroDecode.records(trades), config.influx(), RawPointLines::trades);
                InfluxSink.writeLines(ConfluentAvroDecode.records(quotes), config.influx(), RawPointLines::quotes);
            }
            List<UndecodableCounts.Count> undecodable = quotes == null ? UndecodableCounts.of(trades) : UndecodableCounts.of(trades, quotes);
            Report report = new Report(trades.count(), undecodable);
            report(config, report);
            return report;
        } finally {
            trades.unpersist();
            if (quotes != null) {
                quotes.unpersist();
            }
        }
    }

    private static Dataset<Row> decoded(Dataset<Row> rows, String topic, Schema reader, BackfillConfig config) {
        return BatchPipeline.decode(rows, topic, reader, config.registryConfig()).persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static void report(BackfillConfig config, Report report) {
        String range = "[" + (config.from() == null ? "beginning" : config.from()) + ", "
                + (config.to() == null ? "end" : config.to()) + ")";
        LOG.info("backfill of {} {}: {} trade records", config.kafka().tradesTopic(), range, report.tradeRecords());
        if (report.undecodable().isEmpty()) {
            return;
        }
        List<Point> points = new ArrayList<>();
        for (UndecodableCounts.Count count : report.undecodable()) {
            LOG.warn("{} records of {} in {} could not be decoded: {} (counted, not sent to the dead-letter topic again)",
                    count.records(), count.topic(), range, count.reason());
            points.add(MarketPoints.undecodable(BatchPipeline.STREAM, count.topic(), count.reason(), count.records(), count.newest()));
        }
        try (InfluxPointWriter writer = InfluxPointWriters.create(config.influx())) {
            writer.write(points);
        }
    }
}
