package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

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
        return SparkSession.builder().master("local[2]").appName("spark-stream-it")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    static StreamConfig config(String... args) {
        StringWriter err = new StringWriter();
        StreamJob.Launch launch = StreamJob.parse(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(launch.config()).as("options rejected: %s", err).isNotNull();
        return launch.config();
    }

    static InProcessJob start(String... args) {
        return new InProcessJob(config(args));
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
    public void close() throws InterruptedException, TimeoutException {
        for (StreamingQuery query : session().streams().active()) {
            query.stop();
        }
        thread.join(60_000);
        assertThat(thread.isAlive()).as("job thread ended").isFalse();
        assertThat(failure.get()).as("job failure").isNull();
    }
}
