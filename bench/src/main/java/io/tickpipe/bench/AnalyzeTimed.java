package io.tickpipe.bench;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.batch.analysis.Analysis;
import io.tickpipe.batch.analysis.AnalyzeConfig;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * {@link BatchBench}'s side A, ours: {@code spark-batch analyze} with the arguments given, exactly as
 * {@link BatchJob#main} runs it (the same parse, the same {@link Analysis#run}), inside spark-submit of
 * spark-batch.jar, timed from the SparkSession being ready to the run's return (its outputs written,
 * its summary printed): JVM and Spark start-up count for neither side. Then, untimed, it counts the
 * trades in the daily bars it wrote and prints the {@link SideTiming} line. Needs {@code --output-dir}.
 */
public final class AnalyzeTimed {

    private AnalyzeTimed() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        JobCommandLine.Launch<Object> launch = BatchJob.parse(args, out, err);
        if (launch.config() == null) {
            System.exit(launch.exitCode());
        }
        if (!(launch.config() instanceof AnalyzeConfig config) || config.outputDir() == null) {
            err.println("AnalyzeTimed runs `analyze ... --output-dir DIR`, not: " + String.join(" ", args));
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("tickpipe-batch").getOrCreate();
        int exitCode;
        try {
            long start = System.nanoTime();
            exitCode = Analysis.run(spark, config, System.out);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (exitCode == 0) {
                System.out.println(new SideTiming(seconds, SideTiming.tradesInDailyBars(spark, config.outputDir() + "/bars")).line());
            }
        } finally {
            spark.stop();
        }
        System.exit(exitCode);
    }
}
