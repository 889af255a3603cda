package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.compose.Repo;
import io.tickpipe.compose.ResolvedCompose;
import io.tickpipe.compose.SparkJobService;
import io.tickpipe.compose.SparkSubmitLine;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming job as compose submits it: its spark-submit line, and its arguments through the
 * job's own parser ({@link StreamJob#parse}, package-private, hence this package).
 */
class ComposeStreamJobTest {
    private static final String SERVICE = "spark-stream";

    private final ResolvedCompose compose = ResolvedCompose.shared();
    private final SparkJobService job = SparkJobService.of(compose, SERVICE);
    private final SparkSubmitLine submit = job.submit();

    @Test
    void submitsTheModulesJarInClientModeToTheComposeMaster() {
        assertThat(submit.option("--class")).isEqualTo(StreamJob.class.getName());
        assertThat(compose.hostPathOf(SERVICE, submit.jar())).as("what is mounted at " + submit.jar())
                .contains(Repo.moduleJar("spark-stream"));
        assertThat(submit.option("--deploy-mode")).isEqualTo("client");
        assertThat(submit.option("--master")).isEqualTo("spark://spark-master:7077");
        assertThat(compose.argv("spark-master")).containsSequence("--host", "spark-master");
        assertThat(compose.argv("spark-worker")).contains("spark://spark-master:7077");
    }

    @Test
    void theJobAcceptsItsArgumentsAndReachesTheComposeServices() {
        StringWriter err = new StringWriter();
        JobCommandLine.Launch<StreamConfig> launch = StreamJob.parse(job.hostArgs(), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(launch.exitCode()).as(err.toString()).isZero();
        StreamConfig config = launch.config();
        job.assertReachesTheComposeServices(config.kafka(), config.registryConfig(), config.influx());
        assertThat(config.checkpointDir()).isEqualTo(submit.appArg("--checkpoint-dir"));
    }

    @Test
    void theBatchJobIsSubmittedTheSameWayOnDemand() {
        SparkSubmitLine batch = SparkSubmitLine.of(compose.argv("spark-batch"));
        assertThat(compose.service("spark-batch").path("profiles").toString()).isEqualTo("[\"batch\"]");
        assertThat(batch.option("--class")).isEqualTo("io.tickpipe.batch.BatchJob");
        assertThat(batch.option("--master")).isEqualTo(submit.option("--master"));
        assertThat(batch.option("--deploy-mode")).isEqualTo(submit.option("--deploy-mode"));
        assertThat(batch.conf()).isEqualTo(submit.conf());
        assertThat(compose.environment("spark-batch")).isEqualTo(compose.environment(SERVICE));
        // Shared options only: the same options file as the streaming job, no checkpoint.
        assertThat(batch.appArgs()).containsExactly("--config", submit.appArg("--config"));
        assertThat(compose.hostPathOf("spark-batch", submit.appArg("--config")))
                .isEqualTo(compose.hostPathOf(SERVICE, submit.appArg("--config")));
    }

    @Test
    void bothJobsFitOnTheWorkerAtOnce() {
        SparkSubmitLine batch = SparkSubmitLine.of(compose.argv("spark-batch"));
        Map<String, String> worker = compose.environment("spark-worker");
        // A standalone app takes every free core unless capped: the batch job would wait for the stream's.
        int cores = Integer.parseInt(submit.conf().get("spark.cores.max")) + Integer.parseInt(batch.conf().get("spark.cores.max"));
        assertThat(cores).isLessThanOrEqualTo(Integer.parseInt(worker.get("SPARK_WORKER_CORES")));
        long memory = gigabytes(submit.conf().get("spark.executor.memory")) + gigabytes(batch.conf().get("spark.executor.memory"));
        assertThat(memory).isLessThanOrEqualTo(gigabytes(worker.get("SPARK_WORKER_MEMORY")));
    }

    private static long gigabytes(String size) {
        assertThat(size).matches("[0-9]+g");
        return Long.parseLong(size.substring(0, size.length() - 1));
    }
}
