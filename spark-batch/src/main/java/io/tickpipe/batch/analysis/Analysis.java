package io.tickpipe.batch.analysis;

import static org.apache.spark.sql.functions.col;

import io.tickpipe.batch.BatchPipeline;
import io.tickpipe.batch.report.HtmlReport;
import io.tickpipe.batch.report.IndicatorPeriods;
import io.tickpipe.batch.report.RejectedInput;
import io.tickpipe.batch.report.ReportCollector;
import io.tickpipe.batch.report.ReportModel;
import io.tickpipe.batch.report.RunInfo;
import io.tickpipe.batch.report.SummaryRow;
import io.tickpipe.batch.report.SymbolReport;
import io.tickpipe.batch.statistics.ReturnCorrelation;
import io.tickpipe.batch.statistics.SymbolStatistics;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.analytics.IndicatorFields;
import io.tickpipe.spark.analytics.MarketAnalytics;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.measurements.MarketPoints;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One {@code spark-batch analyze} run: the input's trades (or bars) through the stream's
 * transformations ({@link MarketAnalytics}), the statistics of {@link SymbolStatistics} and
 * {@link ReturnCorrelation}, then each output asked for, and the summary printed.
 */
public final class Analysis {

    /** Exit code of a run with nothing to analyse, or with rejects under {@code --fail-on-reject}. */
    public static final int FAILED = 1;

    private Analysis() {
    }

    /** Runs the analysis; returns the exit code (0, or {@link #FAILED}). */
    public static int run(SparkSession spark, AnalyzeConfig config, PrintStream out) {
        AnalysisInput input;
        try {
            input = AnalysisSources.open(spark, config);
        } catch (AnalysisInput.NothingToAnalyse e) {
            out.println("nothing to analyse: " + e.getMessage() + "; no output written");
            return FAILED;
        }
        try {
            return analyse(spark, config, input, out);
        } finally {
            input.release().run();
        }
    }

    private static int analyse(SparkSession spark, AnalyzeConfig config, AnalysisInput input, PrintStream out) {
        AnalyticsConfig analytics = input.analytics();
        List<String> notes = new ArrayList<>(input.notes());
        if (input.analysed().isEmpty()) {
            out.println("nothing to analyse: " + String.join(", ", input.inputs()) + " hold"
                    + (input.inputs().size() == 1 ? "s" : "") + " no " + (input.trades() != null ? "trades" : "bars")
                    + range(config) + "; no output written");
            return FAILED;
        }
        Dataset<Row> events = inTaskSlots(spark, input.trades() != null ? MarketAnalytics.analyze(input.trades(), analytics)
                : MarketAnalytics.analyzeBars(input.bars(), analytics)).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> summary = null;
        try {
            Dataset<Row> bars = MarketAnalytics.bars(events).drop("final");
            Dataset<Row> indicators = MarketAnalytics.indicators(events);
            Dataset<Row> anomalies = MarketAnalytics.anomalies(events);
            summary = SymbolStatistics.summary(bars, anomalies, config.summary()).persist();
            Dataset<Row> correlation = ReturnCorrelation.matrix(SymbolStatistics.summaryIntervalBars(bars, config.summary()));
            if (config.outputDir() != null) {
                AnalysisTables.write(config.outputDir(), bars, AnalysisTables.namedAfterPeriods(indicators, analytics),
                        anomalies, summary, correlation, input.rejects());
            }
            if (config.influx() != null) {
                InfluxSink.write(events, config.influx(), MarketPoints.analytics(analytics, BatchPipeline.STREAM));
            }
            List<SummaryRow> rows = ReportCollector.summaries(summary);
            RejectedInput rejected = ReportCollector.rejects(input.rejects(), input.undecodable());
            if (config.report() != null) {
                writeReport(config, input, bars, indicators, anomalies, correlation, rows, rejected, notes);
            }
            notes.forEach(note -> out.println("note: " + note));
            SummaryPrinter.print(out, config.summary().interval().label(), rows, rejected);
            if (config.labels() != null) {
                LabelledEvaluation.print(out, config.labels(), bars, anomalies, analytics);
            }
            if (config.failOnReject() && rejected.total() > 0) {
                out.println("--fail-on-reject: " + rejected.total() + " input line(s) or record(s) rejected");
                return FAILED;
            }
            return 0;
        } finally {
            events.unpersist();
            if (summary != null) {
                summary.unpersist();
            }
        }
    }

    /**
     * {@code events} in at most as many partitions as Spark has task slots. The analytics' shuffle
     * makes {@code spark.sql.shuffle.partitions} partitions (200 by default) of a few symbols each, and
     * Spark does not coalesce the last stage of a plan it caches (adaptive execution keeps a cached
     * plan's partitioning): the analytics, and each table written from the events, would run that many
     * tasks, most of them on one symbol or none, and write as many small files. Coalescing, without a
     * shuffle, runs each slot's share of the partitions in one task; a symbol stays whole in one
     * partition, in time order.
     */
    static Dataset<Row> inTaskSlots(SparkSession spark, Dataset<Row> events) {
        return events.coalesce(Math.max(1, spark.sparkContext().defaultParallelism()));
    }

    private static void writeReport(AnalyzeConfig config, AnalysisInput input, Dataset<Row> bars, Dataset<Row> indicators,
                                    Dataset<Row> anomalies, Dataset<Row> correlation, List<SummaryRow> rows,
                                    RejectedInput rejected, List<String> notes) {
        AnalyticsConfig analytics = input.analytics();
        // The finest interval analysed makes the charts; the report aggregates it to the screen's resolution.
        BarInterval charted = analytics.intervals().stream().min((a, b) -> Long.compare(a.micros(), b.micros())).orElseThrow();
        Dataset<Row> chartBars = bars.where(col("interval").equalTo(charted.label())).persist();
        try {
            List<SymbolReport> symbols = ReportCollector.symbols(chartBars, indicators, anomalies, charted,
                    analytics.sessionZone(), rows);
            List<String> names = rows.stream().map(SummaryRow::symbol).toList();
            Instant first = rows.stream().map(SummaryRow::firstTime).min(Instant::compareTo).orElseThrow();
            Instant last = rows.stream().map(SummaryRow::lastTime).max(Instant::compareTo).orElseThrow();
            RunInfo run = new RunInfo(input.inputs(), first, last,
                    analytics.intervals().stream().map(BarInterval::label).toList(), config.summary().interval().label(),
                    analytics.sessionZone(), IndicatorPeriods.of(analytics), notes, Instant.now());
            HtmlReport.write(new ReportModel(run, symbols, ReportCollector.correlation(correlation, names), rejected),
                    Path.of(config.report()));
        } finally {
            chartBars.unpersist();
        }
    }

    private static String range(AnalyzeConfig config) {
        if (config.from() == null && config.to() == null) {
            return "";
        }
        return " in [" + (config.from() == null ? "the beginning" : config.from()) + ", "
                + (config.to() == null ? "the end" : config.to()) + ")";
    }

    /** Writes the outputs' Parquet tables, each replacing what the output directory held. */
    static final class AnalysisTables {
        private AnalysisTables() {
        }

        static void write(String dir, Dataset<Row> bars, Dataset<Row> indicators, Dataset<Row> anomalies,
                          Dataset<Row> summary, Dataset<Row> correlation, Dataset<Row> rejects) {
            // Not partitioned by interval: readers infer a folder value such as "1d" as the number 1.0.
            bars.sortWithinPartitions("symbol", "interval", "time").write().mode(SaveMode.Overwrite).parquet(dir + "/bars");
            indicators.sortWithinPartitions("symbol", "interval", "time").write().mode(SaveMode.Overwrite).parquet(dir + "/indicators");
            anomalies.write().mode(SaveMode.Overwrite).parquet(dir + "/anomalies");
            summary.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/summary");
            correlation.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/correlation");
            rejects.write().mode(SaveMode.Overwrite).parquet(dir + "/rejects");
        }

        /**
         * The indicators' columns named as the InfluxDB fields are ({@link IndicatorFields}): {@code sma_20},
         * {@code bb_upper_20}, {@code macd_12_26}, {@code atr_14} and so on.
         */
        static Dataset<Row> namedAfterPeriods(Dataset<Row> indicators, AnalyticsConfig analytics) {
            Dataset<Row> named = indicators;
            for (Map.Entry<String, String> field : IndicatorFields.of(analytics).entrySet()) {
                named = named.withColumnRenamed(field.getKey(), field.getValue());
            }
            return named;
        }
    }
}
