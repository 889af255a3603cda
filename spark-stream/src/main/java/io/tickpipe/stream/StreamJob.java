package io.tickpipe.stream;

import java.io.PrintWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import picocli.CommandLine;

/**
 * {@code spark-submit spark-stream.jar [options]}: parses the options, starts the two queries
 * of {@link StreamTopology} and keeps them running. Misuse exits 2 with the usage.
 */
public final class StreamJob {

    private StreamJob() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Launch launch = parse(args, out, err);
        if (launch.config() == null) {
            System.exit(launch.exitCode());
        }
        run(SparkDefaults.builder().appName("tickpipe-stream").getOrCreate(), launch.config());
    }

    /** What the command line asks for: a config to run, or (config null) the exit code to leave with. */
    record Launch(StreamConfig config, int exitCode) {
    }

    static Launch parse(String[] args, PrintWriter out, PrintWriter err) {
        StreamOptions options = new StreamOptions();
        CommandLine cli = new CommandLine(options);
        try {
            cli = StreamOptions.commandLine(options, args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return new Launch(null, 0);
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return new Launch(null, 0);
            }
            return new Launch(StreamConfig.from(options), 0);
        } catch (CommandLine.ParameterException | IllegalArgumentException | IllegalStateException
                 | java.time.DateTimeException e) {
            err.println("spark-stream: " + e.getMessage());
            cli.usage(err);
            return new Launch(null, 2);
        }
    }

    /** Starts both queries and supervises them until one is stopped or Spark shuts down. */
    public static void run(SparkSession spark, StreamConfig config) throws Exception {
        SparkDefaults.apply(spark, config.checkpointDir());
        try (PipelinePoints pipeline = new PipelinePoints(config.influx());
             KafkaBacklog backlog = new KafkaBacklog(config)) {
            PipelineMetrics metrics = new PipelineMetrics(pipeline, backlog);
            spark.streams().addListener(metrics);
            try {
                new QuerySupervisor(spark)
                        .add(StreamTopology.ANALYTICS, () -> inPool(spark, StreamTopology.ANALYTICS,
                                StreamTopology.analyticsFromKafka(spark, config)).start())
                        .add(StreamTopology.INGEST, () -> inPool(spark, StreamTopology.INGEST,
                                StreamTopology.ingestFromKafka(spark, config, pipeline)).start())
                        .run();
            } finally {
                spark.streams().removeListener(metrics);
            }
        }
    }

    /**
     * A query started after this runs its jobs in a scheduler pool of its own name (its thread
     * inherits the property); with spark.scheduler.mode=FAIR the pools share the executors.
     */
    private static DataStreamWriter<Row> inPool(SparkSession spark, String pool, DataStreamWriter<Row> query) {
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", pool);
        return query;
    }
}
