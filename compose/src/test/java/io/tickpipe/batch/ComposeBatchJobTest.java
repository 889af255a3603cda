package io.tickpipe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.compose.ResolvedCompose;
import io.tickpipe.compose.SparkJobService;
import io.tickpipe.spark.job.JobCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The backfill as compose runs it on demand, through the job's own parser (package-private, hence this package). */
class ComposeBatchJobTest {

    private final SparkJobService job = SparkJobService.of(ResolvedCompose.shared(), "spark-batch");

    @Test
    void theJobAcceptsItsArgumentsAndReachesTheComposeServices() {
        StringWriter err = new StringWriter();
        // `docker compose run --rm spark-batch backfill [range]` appends the command to the entrypoint's options.
        String[] args = Stream.concat(Stream.of(job.hostArgs()), Stream.of("backfill")).toArray(String[]::new);
        JobCommandLine.Launch<Object> launch = BatchJob.parse(args, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(launch.exitCode()).as(err.toString()).isZero();
        assertThat(err.toString()).as("no deprecation warning").isEmpty();
        BackfillConfig config = (BackfillConfig) launch.config();
        job.assertReachesTheComposeServices(config.kafka(), config.registryConfig(), config.influx());
        // No range on the compose line: `docker compose run --rm spark-batch backfill --from ... --to ...` appends one.
        assertThat(config.from()).isNull();
        assertThat(config.to()).isNull();
    }
}
