package io.tickpipe.stream;

import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.model.AnomalyModelException;
import io.tickpipe.spark.model.AnomalyModels;
import java.io.PrintWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;

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
        JobCommandLine.Launch<StreamConfig> launch = parse(args, out, err);
        if (launch.config() == null) {
            System.exit(launch.exitCode());
        }
        SparkSession spark = SparkDefaults.builder().appName("tickpipe-stream").getOrCreate();
        try {
            run(spark, launch.config());
        } catch (AnomalyModelException e) {
            err.println("error: " + e.getMessage());
            spark.stop();
            System.exit(1);
        }
    }

    static JobCommandLine.Launch<StreamConfig> parse(String[] args, PrintWriter out, PrintWriter err) {
        return JobCommandLine.parse(new StreamOptions(), StreamConfig::from, args, out, err);
    }

    /**
     * Starts both queries and supervises them until one is stopped or Spark shuts down. The model of
     * {@code --anomaly-model} is loaded once, first: {@link AnomalyModelException} before anything starts
     * when it cannot be used.
     */
    public static void run(SparkSession spark, StreamConfig given) throws Exception {
        StreamConfig config = given.withAnalytics(AnomalyModels.attach(spark, given.anomalyModelDir(), given.analytics()));
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
