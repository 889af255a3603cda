package io.tickpipe.batch;

import io.tickpipe.batch.analysis.Analysis;
import io.tickpipe.batch.analysis.AnalyzeConfig;
import io.tickpipe.batch.analysis.AnalyzeOptions;
import io.tickpipe.batch.archive.Archive;
import io.tickpipe.batch.archive.ArchiveConfig;
import io.tickpipe.batch.archive.ArchiveOptions;
import io.tickpipe.batch.model.AnomalyModelTraining;
import io.tickpipe.batch.model.TrainAnomalyModelOptions;
import io.tickpipe.batch.model.TrainConfig;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.job.SecretRedaction;
import io.tickpipe.spark.model.AnomalyModelException;
import io.tickpipe.spark.model.AnomalyModels;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/**
 * {@code spark-submit spark-batch.jar <command> [options]}: parses the command line and runs one
 * batch command. Misuse exits 2 with the usage; a failed run exits non-zero with Spark's error.
 */
public final class BatchJob {

    /** The command tree: the commands are the subcommands; options before one apply to it (--config). */
    @Command(name = "spark-batch", mixinStandardHelpOptions = true,
            description = {"History through the streaming job's transformations, as Spark batch jobs."},
            subcommands = {BackfillOptions.class, ArchiveOptions.class, AnalyzeOptions.class,
                TrainAnomalyModelOptions.class})
    static final class Commands {
        @Mixin
        ConfigFileOption config;
    }

    private static final Set<String> COMMANDS = Set.of("backfill", "archive", "analyze", "train-anomaly-model");
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    private BatchJob() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        JobCommandLine.Launch<Object> launch = parse(args, out, err);
        if (launch.config() == null) {
            System.exit(launch.exitCode());
        }
        // Secrets hidden from Spark's UI and event log before the SparkContext shows any setting.
        SparkSession spark = SecretRedaction.apply(SparkSession.builder()).appName("tickpipe-batch").getOrCreate();
        int exitCode;
        try {
            exitCode = run(spark, launch.config());
        } finally {
            spark.stop();
        }
        System.exit(exitCode);
    }

    /**
     * Runs what {@link #parse} resolved; returns the exit code. An unusable {@code --anomaly-model}
     * stops the run before it reads anything: its message on stderr, exit code 1.
     */
    public static int run(SparkSession spark, Object config) {
        try {
            return runCommand(spark, config);
        } catch (AnomalyModelException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int runCommand(SparkSession spark, Object config) {
        if (config instanceof BackfillConfig backfill) {
            Backfill.run(spark, backfill);
            return 0;
        }
        if (config instanceof ArchiveConfig archive) {
            Archive.run(spark, archive);
            return 0;
        }
        if (config instanceof AnalyzeConfig analyze) {
            return Analysis.run(spark, analyze.withAnalytics(
                    AnomalyModels.attach(spark, analyze.anomalyModelDir(), analyze.analytics())), System.out);
        }
        if (config instanceof TrainConfig train) {
            return AnomalyModelTraining.run(spark, train, System.out);
        }
        throw new IllegalArgumentException("no command runs " + config.getClass().getSimpleName());
    }

    /** The command tree, as the documentation and its tests read it. */
    public static CommandLine commandLine() {
        return new CommandLine(new Commands());
    }

    public static JobCommandLine.Launch<Object> parse(String[] args, PrintWriter out, PrintWriter err) {
        return JobCommandLine.parseCommand(new Commands(), withCommand(args, err), out, err);
    }

    /**
     * The job took no command before it had several: options alone still mean {@code backfill}, with
     * a warning.
     */
    static String[] withCommand(String[] args, PrintWriter err) {
        List<String> given = List.of(args);
        if (given.isEmpty() || given.stream().anyMatch(COMMANDS::contains) || given.stream().allMatch(HELP::contains)) {
            return args;
        }
        err.println("warning: spark-batch without a command is deprecated; use spark-batch backfill (same meaning)");
        List<String> withBackfill = new ArrayList<>(List.of("backfill"));
        withBackfill.addAll(given);
        return withBackfill.toArray(String[]::new);
    }
}
