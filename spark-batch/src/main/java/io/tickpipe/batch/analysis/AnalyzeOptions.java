package io.tickpipe.batch.analysis;

import io.tickpipe.batch.ArchiveDirOption;
import io.tickpipe.batch.TimeRangeOptions;
import io.tickpipe.batch.statistics.SummarySettings;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.BarInterval;
import io.tickpipe.spark.job.AnalyticsOptions;
import io.tickpipe.spark.job.InfluxWriteOptions;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.job.KafkaSettings;
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
                "Exit codes: 0 done, 1 nothing to analyse or (--fail-on-reject) rejected input, 2 misuse."})
public final class AnalyzeOptions implements JobCommandLine.JobOptions<AnalyzeConfig> {

    /** Where the history comes from. */
    public enum Source { kafka, archive, csv, bars }

    @Mixin
    ConfigFileOption config;

    @Option(names = "--source", required = true, paramLabel = "kafka|archive|csv|bars",
            description = "The input: the trades topic, the Parquet archive (--archive-dir), trade CSV files (--trades)"
                    + " or OHLCV bar files (--bars).")
    Source source;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ArchiveDirOption archive;

    @Option(names = "--trades", split = ",", paramLabel = "FILE|DIR",
            description = "csv: trade files as the producer replays them (plain or .gz), or directories of them. Repeatable.")
    List<String> tradeFiles = new ArrayList<>();

    @Option(names = "--bars", split = ",", paramLabel = "FILE|DIR",
            description = "bars: OHLCV bar files (a date or time column, open, high, low, close, volume), or directories"
                    + " of them. Repeatable.")
    List<String> barFiles = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "bars: the symbol of bar files without a symbol column (default: from the file name, e.g. AAPL.csv).")
    String symbol;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicPrefixOption topics;

    @Mixin
    RegistryOptions registry;

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

    @Option(names = "--fail-on-reject",
            description = "Exit 1 (after writing the outputs) when any input line or record was rejected.")
    boolean failOnReject;

    @Override
    public AnalyzeConfig resolve() {
        range.checked();
        require(source != Source.archive || archive.dir() != null, "--source archive needs --archive-dir");
        require(source == Source.archive || archive.dir() == null, "--archive-dir goes with --source archive");
        require((source == Source.csv) == !tradeFiles.isEmpty(),
                source == Source.csv ? "--source csv needs --trades FILE|DIR" : "--trades goes with --source csv");
        require((source == Source.bars) == !barFiles.isEmpty(),
                source == Source.bars ? "--source bars needs --bars FILE|DIR" : "--bars goes with --source bars");
        require(symbol == null || source == Source.bars, "--symbol goes with --source bars");
        List<String> all = new ArrayList<>(intervals);
        BarInterval summary = BarInterval.parse(summaryInterval);
        if (all.stream().map(BarInterval::parse).noneMatch(i -> i.micros() == summary.micros())) {
            all.add(summary.label());
        }
        AnalyticsConfig analyticsConfig = analytics.analytics(all).build();
        SummarySettings settings = SummarySettings.defaults().withInterval(summary.label())
                .withSessionZone(analyticsConfig.sessionZone()).withTradingDay(analyticsConfig.sessionHours().length());
        KafkaSettings kafkaSettings = KafkaSettings.from(kafka, topics);
        return new AnalyzeConfig(source, range.from(), range.to(), archive.dir(), List.copyOf(tradeFiles),
                List.copyOf(barFiles), symbol, kafkaSettings, registry.registryConfig(), analyticsConfig, settings,
                outputDir, report, influx ? influxOptions.influx(System.getenv()) : null, failOnReject);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
