package io.tickpipe.batch.analysis;

import io.tickpipe.batch.ArchiveDirOption;
import io.tickpipe.batch.TimeRangeOptions;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The history a batch command reads (a picocli mixin): one source and its paths or topic, and the
 * range. {@code analyze} and {@code train-anomaly-model} read the same inputs the same way.
 */
public final class AnalysisInputOptions {

    @Option(names = "--source", required = true, paramLabel = "kafka|archive|csv|bars",
            description = "The input: the trades topic, the Parquet archive (--archive-dir), trade CSV files (--trades)"
                    + " or OHLCV bar files (--bars).")
    AnalyzeOptions.Source source;

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

    /** The inputs, checked for options that do not go together. */
    public AnalysisInputOptions checked() {
        range.checked();
        require(source != AnalyzeOptions.Source.archive || archive.dir() != null, "--source archive needs --archive-dir");
        require(source == AnalyzeOptions.Source.archive || archive.dir() == null, "--archive-dir goes with --source archive");
        require((source == AnalyzeOptions.Source.csv) == !tradeFiles.isEmpty(),
                source == AnalyzeOptions.Source.csv ? "--source csv needs --trades FILE|DIR" : "--trades goes with --source csv");
        require((source == AnalyzeOptions.Source.bars) == !barFiles.isEmpty(),
                source == AnalyzeOptions.Source.bars ? "--source bars needs --bars FILE|DIR" : "--bars goes with --source bars");
        require(symbol == null || source == AnalyzeOptions.Source.bars, "--symbol goes with --source bars");
        return this;
    }

    public AnalyzeOptions.Source source() {
        return source;
    }

    public Instant from() {
        return range.from();
    }

    public Instant to() {
        return range.to();
    }

    public String archiveDir() {
        return archive.dir();
    }

    public List<String> tradeFiles() {
        return List.copyOf(tradeFiles);
    }

    public List<String> barFiles() {
        return List.copyOf(barFiles);
    }

    public String symbol() {
        return symbol;
    }

    public KafkaSettings kafka() {
        return KafkaSettings.from(kafka, topics);
    }

    public java.util.Map<String, String> registryConfig() {
        return registry.registryConfig();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
