package io.tickpipe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.spark.testing.Eventually;
import io.tickpipe.spark.testing.LocalSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor over real streaming queries (Spark's rate source) whose batches fail on demand. */
class QuerySupervisorTest {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private final SparkSession spark = LocalSpark.session();
    /** Per query: whether its batches throw, how many batches it has completed, how many times it was started. */
    private static final Map<String, AtomicBoolean> FAILING = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> COMPLETED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
    /** Per query: what its batches throw instead of their usual failure, once set. */
    private static final Map<String, RuntimeException> REFUSED = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> supervisorFailure = new AtomicReference<>();
    private Thread supervisor;

    @AfterEach
    void stopEverything() throws Exception {
        for (StreamingQuery query : spark.streams().active()) {
            query.stop();
        }
        if (supervisor != null) {
            supervisor.join(WAIT.toMillis());
        }
        spark.streams().resetTerminated();
    }

    @Test
    void aQueryThatFailsWhileAnotherWaitsForItsRestartIsRestartedToo(@TempDir Path dir) throws Exception {
        // A long first backoff: the second query fails while the first still waits for its restart,
        // the window in which a supervisor that sleeps, then clears Spark's terminated mark, loses it.
        supervise(dir, Duration.ofSeconds(4), "first", "second");

        fail("first");
        Eventually.until(WAIT, () -> !isActive("first"), () -> "first still active");
        fail("second");
        Eventually.until(WAIT, () -> !isActive("second"), () -> "second still active");
        int firstBefore = COMPLETED.get("first").get();
        int secondBefore = COMPLETED.get("second").get();
        recover("first");
        recover("second");

        Eventually.until(WAIT, () -> COMPLETED.get("first").get() > firstBefore && COMPLETED.get("second").get() > secondBefore,
                () -> "completed batches first " + COMPLETED.get("first") + ", second " + COMPLETED.get("second")
                        + "; active " + activeNames() + "; supervisor " + supervisorFailure.get());
        assertThat(activeNames()).containsExactlyInAnyOrder("first", "second");
        assertThat(supervisor.isAlive()).isTrue();
    }

    @Test
    void aQueryThatKeepsFailingIsRestartedEachTimeWhileTheOtherRunsOn(@TempDir Path dir) throws Exception {
        supervise(dir, Duration.ofMillis(100), "flaky", "steady");

        fail("flaky");
        Eventually.until(WAIT, () -> STARTS.get("flaky").get() >= 4, () -> "flaky started " + STARTS.get("flaky") + " times");
        int steadyWhileFlakyFailed = COMPLETED.get("steady").get();
        Eventually.until(WAIT, () -> COMPLETED.get("steady").get() > steadyWhileFlakyFailed, () -> "steady completed " + COMPLETED.get("steady"));
        recover("flaky");
        int flakyBefore = COMPLETED.get("flaky").get();
        Eventually.until(WAIT, () -> COMPLETED.get("flaky").get() > flakyBefore, () -> "flaky completed " + COMPLETED.get("flaky"));

        assertThat(STARTS.get("steady").get()).as("steady was never restarted").isEqualTo(1);
        assertThat(activeNames()).containsExactlyInAnyOrder("flaky", "steady");
    }

    @Test
    void stoppingOneQueryOnPurposeEndsTheJobAndStopsTheOthers(@TempDir Path dir) throws Exception {
        supervise(dir, Duration.ofMillis(100), "kept", "stopped");

        query("stopped").stop();

        supervisor.join(WAIT.toMillis());
        assertThat(supervisor.isAlive()).as("supervisor returned").isFalse();
        assertThat(supervisorFailure.get()).isNull();
        assertThat(activeNames()).isEmpty();
    }

    @Test
    void refusedCredentialsEndTheJobWithoutARestart(@TempDir Path dir) throws Exception {
        supervise(dir, Duration.ofMillis(100), "login", "other");

        REFUSED.put("login", new SaslAuthenticationException("Authentication failed during authentication due to invalid"
                + " credentials with SASL mechanism SCRAM-SHA-512"));

        supervisor.join(WAIT.toMillis());
        assertThat(supervisor.isAlive()).as("supervisor returned").isFalse();
        assertThat(supervisorFailure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("query login failed, and no restart can help: SaslAuthenticationException")
                .hasMessageContaining("invalid credentials")
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(STARTS.get("login").get()).as("login was not restarted").isEqualTo(1);
        assertThat(activeNames()).as("the other query stopped with it").isEmpty();
    }

    @Test
    void onlyRefusedCredentialsCountAsIncurable() {
        Exception wrapped = new IllegalStateException("batch failed", new RuntimeException(new SaslAuthenticationException("no")));
        assertThat(QuerySupervisor.refusedCredentials(wrapped)).containsInstanceOf(SaslAuthenticationException.class);
        assertThat(QuerySupervisor.refusedCredentials(new IllegalStateException("InfluxDB down", new java.net.ConnectException())))
                .isEmpty();
    }

    private void supervise(Path dir, Duration firstBackoff, String... names) {
        QuerySupervisor queries = new QuerySupervisor(spark, firstBackoff, firstBackoff.multipliedBy(4), Duration.ofMinutes(5));
        for (String name : names) {
            FAILING.put(name, new AtomicBoolean(false));
            COMPLETED.put(name, new AtomicInteger());
            STARTS.put(name, new AtomicInteger());
            String checkpoint = dir.resolve(name).toString();
            queries.add(name, () -> {
                STARTS.get(name).incrementAndGet();
                return rateQuery(name, checkpoint);
            });
        }
        supervisor = new Thread(() -> {
            try {
                queries.run();
            } catch (Throwable e) {
                supervisorFailure.set(e);
            }
        }, "query-supervisor-test");
        supervisor.start();
        Eventually.until(WAIT, () -> activeNames().containsAll(Arrays.asList(names)) || supervisorFailure.get() != null,
                () -> "active " + activeNames());
        assertThat(supervisorFailure.get()).isNull();
    }

    private StreamingQuery rateQuery(String name, String checkpoint) throws java.util.concurrent.TimeoutException {
        return spark.readStream().format("rate").option("rowsPerSecond", "20").load()
                .writeStream()
                .queryName(name)
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.ProcessingTime(100))
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    if (REFUSED.containsKey(name)) {
                        throw REFUSED.get(name);
                    }
                    if (FAILING.get(name).get()) {
                        throw new IllegalStateException(name + " told to fail batch " + id);
                    }
                    COMPLETED.get(name).incrementAndGet();
                })
                .start();
    }

    private static void fail(String name) {
        FAILING.get(name).set(true);
    }

    private static void recover(String name) {
        FAILING.get(name).set(false);
    }

    private boolean isActive(String name) {
        return activeNames().contains(name);
    }

    private StreamingQuery query(String name) {
        return Arrays.stream(spark.streams().active()).filter(q -> name.equals(q.name())).findFirst().orElse(null);
    }

    private List<String> activeNames() {
        return Arrays.stream(spark.streams().active()).map(StreamingQuery::name).toList();
    }
}
