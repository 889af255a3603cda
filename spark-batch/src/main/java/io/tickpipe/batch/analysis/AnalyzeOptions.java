package io.tickpipe.batch.analysis;

import io.tickpipe.batch.statistics.SummarySettings;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.job.AnalyticsOptions;
import io.tickpipe.spark.job.AnomalyModelOption;
import io.tickpipe.spark.job.InfluxWriteOptions;
import io.tickpipe.spark.job.JobCommandLine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spark-batch analyze}: history from one input into bars, indicators, anomalies, statistics, Parquet and a report. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"History through the streaming job's transformations: bars, indicators and anomalies, per-symbol",
                "statistics and the correlation of returns, into Parquet tables (--output-dir), an offline HTML",
                "report (--report) and, with --influx, InfluxDB; the summary is printed at the end.",
                "--from/--to bound Kafka record timestamps (--source kafka) or event times (the others).",
                "--anomaly-model scores the bars of the model's interval as the streaming job does.",
                "Exit codes: 0 done, 1 nothing to analyse, an unusable --anomaly-model or (--fail-on-reject) rejected input,",
                "2 misuse."})
public final class AnalyzeOptions implements JobCommandLine.JobOptions<AnalyzeConfig> {

    /** Where the history comes from. */
    public enum Source { kafka, archive, csv, bars }

    @Mixin
    ConfigFileOption config;

    @Mixin
    AnalysisInputOptions input;

    @Option(names = "--intervals", defaultValue = "1m,1d", split = ",", paramLabel = "INTERVAL",
            description = AnalyticsOptions.INTERVALS_HELP)
    List<String> intervals;

    @Mixin
    AnalyticsOptions analytics;

    @Option(names = "--summary-interval", defaultValue = "1d", paramLabel = "INTERVAL",
            description = "Bars the statistics and the correlation are computed on; added to --intervals if missing"
                    + " (default: ${DEFAULT-VALUE}).")
    String summaryInterval;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write the Parquet tables bars/, indicators/, anomalies/, summary/, correlation/, rejects/ here,"
                    + " replacing what a run before wrote (any Hadoop path: hdfs://, s3a://).")
    String outputDir;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write the report, one HTML file that works offline, here (on the driver's file system).")
    String report;

    @Option(names = "--influx", description = "Also write bars, indicators and anomalies to InfluxDB, as backfill does.")
    boolean influx;

    @Mixin
    InfluxWriteOptions influxOptions;

    @Mixin
    AnomalyModelOption anomalyModel;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The jumps a simulation injected (tickpipe produce --labels FILE): print each anomaly kind's"
                    + " precision and recall against them at the finest interval analysed.")
    String labels;

    @Option(names = "--fail-on-reject",
            description = "Exit 1 (after writing the outputs) when any input line or record was rejected.")
    boolean failOnReject;

    @Override
    public AnalyzeConfig resolve() {
        AnalysisInputOptions in = input.checked();
        require(anomalyModel.dir() == null || in.source() != Source.bars,
                "--anomaly-model goes with trades: bar files have no trade counts, a feature of the model");
        List<String> all = new ArrayList<>(intervals);
        BarInterval summary = BarInterval.parse(summaryInterval);
        if (all.stream().map(BarInterval::parse).noneMatch(i -> i.micros() == summary.micros())) {
            all.add(summary.label());
        }
        AnalyticsConfig analyticsConfig = analytics.analytics(all).build();
        SummarySettings settings = SummarySettings.defaults().withInterval(summary.label())
                .withSessionZone(analyticsConfig.sessionZone()).withTradingDay(analyticsConfig.sessionHours().length());
        return new AnalyzeConfig(in.source(), in.from(), in.to(), in.archiveDir(), in.tradeFiles(), in.barFiles(),
                in.symbol(), in.kafka(), in.registryConfig(), analyticsConfig, settings, outputDir, report,
                influx ? influxOptions.influx(System.getenv()) : null, failOnReject, anomalyModel.dir(), labels);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
