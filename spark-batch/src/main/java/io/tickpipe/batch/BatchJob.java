package io.tickpipe.batch;

import io.tickpipe.spark.job.JobCommandLine;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit spark-batch.jar [options]}: parses the options and runs one {@link Backfill}.
 * Misuse exits 2 with the usage; a failed backfill exits non-zero with Spark's error.
 */
public final class BatchJob {

    private BatchJob() {
    }

    public static void main(String[] args) {
        JobCommandLine.Launch<BatchConfig> launch = parse(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (launch.config() == null) {
            System.exit(launch.exitCode());
        }
        SparkSession spark = SparkSession.builder().appName("tickpipe-batch").getOrCreate();
        try {
            Backfill.run(spark, launch.config());
        } finally {
            spark.stop();
        }
    }

    static JobCommandLine.Launch<BatchConfig> parse(String[] args, PrintWriter out, PrintWriter err) {
        return JobCommandLine.parse(new BatchOptions(), BatchConfig::from, args, out, err);
    }
}
