package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.LocalSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** The job as {@link StreamJob#main} runs it (options parsed, both queries, supervisor, metrics), in this JVM's SparkSession. */
final class InProcessJob implements AutoCloseable {

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final StreamConfig config;

    private InProcessJob(StreamConfig config) {
        this.config = config;
        SparkSession spark = session();
        this.thread = new Thread(() -> {
            try {
                StreamJob.run(spark, config);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "spark-stream-job");
        thread.start();
    }

    static SparkSession session() {
        return LocalSpark.session();
    }

    static StreamConfig config(String... args) {
        StringWriter err = new StringWriter();
        JobCommandLine.Launch<StreamConfig> launch = StreamJob.parse(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(launch.config()).as("options rejected: %s", err).isNotNull();
        return launch.config();
    }

    /** Starts the job and returns once both its queries run. */
    static InProcessJob start(String... args) {
        InProcessJob job = new InProcessJob(config(args));
        Eventually.until(java.time.Duration.ofMinutes(1),
                () -> job.failure.get() != null || session().streams().active().length == 2,
                () -> session().streams().active().length + " queries active");
        assertThat(job.failure.get()).as("job failure").isNull();
        return job;
    }

    /** Starts the job for a test that expects it to fail: no wait for its queries. */
    static InProcessJob launch(String... args) {
        return new InProcessJob(config(args));
    }

    /** Waits for the job to end by itself and returns why; the failure is then taken, {@link #close()} does not report it. */
    Throwable awaitFailure(java.time.Duration limit) throws InterruptedException {
        thread.join(limit.toMillis());
        assertThat(thread.isAlive()).as("job still running after %s", limit).isFalse();
        Throwable ended = failure.getAndSet(null);
        assertThat(ended).as("the job ended without a failure").isNotNull();
        return ended;
    }

    StreamingQuery query(String name) {
        for (StreamingQuery query : session().streams().active()) {
            if (name.equals(query.name())) {
                return query;
            }
        }
        throw new AssertionError("no active query " + name + "; job failure: " + failure.get());
    }

    @Override
    public void close() throws TimeoutException {
        for (StreamingQuery query : session().streams().active()) {
            query.stop();
        }
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the job", e);
        }
        assertThat(thread.isAlive()).as("job thread ended").isFalse();
        assertThat(failure.get()).as("job failure").isNull();
    }
}
