package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.tickpipe.batch.BatchPipeline;
import io.tickpipe.batch.KafkaHistory;
import io.tickpipe.batch.archive.ArchiveReader;
import io.tickpipe.batch.files.BarFiles;
import io.tickpipe.batch.files.TradeFiles;
import io.tickpipe.market.Trade;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.decode.ConfluentAvroDecode;
import io.tickpipe.spark.decode.UndecodableCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** Opens the input an analysis reads: each source as the trades (or bars) and rejects it gives. */
public final class AnalysisSources {

    private AnalysisSources() {
    }

    public static AnalysisInput open(SparkSession spark, AnalyzeConfig config) {
        return switch (config.source()) {
            case kafka -> kafka(spark, config);
            case archive -> archive(spark, config);
            case csv -> tradeFiles(spark, config);
            case bars -> barFiles(spark, config);
        };
    }

    /**
     * The trades topic, bounded by record timestamps as {@code backfill} reads it, decoded through the
     * registry; undecodable records are counted by reason, as the backfill counts them.
     */
    private static AnalysisInput kafka(SparkSession spark, AnalyzeConfig config) {
        String topic = config.kafka().tradesTopic();
        Dataset<Row> decoded = BatchPipeline.decode(
                        KafkaHistory.read(spark, config.kafka(), List.of(topic), config.from(), config.to()),
                        topic, Trade.getClassSchema(), config.registryConfig())
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<UndecodableCounts.Count> undecodable = UndecodableCounts.of(decoded);
        Dataset<Row> trades = ConfluentAvroDecode.records(decoded);
        return new AnalysisInput(trades, null, AnalysisInput.noRejects(spark), undecodable,
                List.of("kafka " + topic), List.of(), config.analytics(), decoded::unpersist);
    }

    /** The archive's trades of the range (by event time), read from the days it spans only. */
    private static AnalysisInput archive(SparkSession spark, AnalyzeConfig config) {
        Dataset<Row> trades = ArchiveReader.trades(spark, config.archiveDir(), config.from(), config.to());
        return new AnalysisInput(trades, null, AnalysisInput.noRejects(spark), List.of(),
                List.of("archive " + config.archiveDir()), List.of(), config.analytics(), () -> { });
    }

    /** Trade files as the producer replays them, parsed by its own parser; bad lines are rejects. */
    private static AnalysisInput tradeFiles(SparkSession spark, AnalyzeConfig config) {
        TradeFiles.Result files = TradeFiles.read(spark, config.tradeFiles());
        if (files.files().isEmpty()) {
            throw new AnalysisInput.NothingToAnalyse("no trade file matched " + config.tradeFiles());
        }
        files.persist();
        return new AnalysisInput(inRange(files.trades(), "event_time", config), null, files.rejects(), List.of(),
                files.files().stream().map(f -> "csv " + f).toList(), List.of(), config.analytics(), files::unpersist);
    }

    /**
     * OHLCV bar files. The bars of an interval merge the files' bars, so only intervals at least as
     * long as the files' bars, and a multiple of them, can be made: the others are left out with a note.
     */
    private static AnalysisInput barFiles(SparkSession spark, AnalyzeConfig config) {
        AnalyticsConfig analytics = config.analytics();
        BarFiles.Result files = BarFiles.read(spark, config.barFiles(), config.symbol(), analytics.sessionZone());
        if (files.files().isEmpty()) {
            throw new AnalysisInput.NothingToAnalyse("no bar file matched " + config.barFiles());
        }
        files.persist();
        List<String> notes = new ArrayList<>(List.of("bar files: trade counts, VWAP and session VWAP are not available"));
        double spacing = files.spacing().agg(max("spacing_seconds")).first().isNullAt(0) ? 0
                : files.spacing().agg(max("spacing_seconds")).first().getDouble(0);
        List<String> kept = new ArrayList<>();
        for (BarInterval interval : analytics.intervals()) {
            double seconds = interval.micros() / 1e6;
            if (spacing == 0 || (seconds >= spacing && Math.abs(seconds / spacing - Math.rint(seconds / spacing)) < 1e-9)) {
                kept.add(interval.label());
            } else {
                notes.add(interval.label() + " bars left out: the files' bars are " + (long) spacing + " s apart, and "
                        + interval.label() + " bars cannot be made of them");
            }
        }
        if (!kept.contains(config.summary().interval().label())) {
            files.unpersist();
            throw new AnalysisInput.NothingToAnalyse("the bar files' bars are " + (long) spacing + " s apart: --summary-interval "
                    + config.summary().interval().label() + " cannot be made of them");
        }
        return new AnalysisInput(null, inRange(files.bars(), "time", config), files.rejects(), List.of(),
                files.files().stream().map(f -> "bars " + f).toList(), notes,
                analytics.toBuilder().intervals(kept.toArray(String[]::new)).build(), files::unpersist);
    }

    /** Rows whose {@code column} lies in the configured range (event times for files and the archive). */
    static Dataset<Row> inRange(Dataset<Row> rows, String column, AnalyzeConfig config) {
        Column kept = col(column).isNotNull();
        if (config.from() != null) {
            kept = kept.and(col(column).geq(java.sql.Timestamp.from(config.from())));
        }
        if (config.to() != null) {
            kept = kept.and(col(column).lt(java.sql.Timestamp.from(config.to())));
        }
        return rows.where(kept);
    }
}
