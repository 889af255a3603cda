package io.tickpipe.stream;

import io.tickpipe.influx.InfluxWriteException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job's queries running. A query that fails (InfluxDB still down after the writer's own
 * retries, registry unreachable, broker gone) is restarted from its checkpoint after a backoff that
 * doubles up to a limit and resets once the query has run a while, so an outage costs latency,
 * never data. A query stopped on purpose, or a stopped SparkContext, ends the job.
 *
 * <p>Each query waits out its own backoff: the supervisor never sleeps, it waits for the next
 * termination or the next restart that is due, whichever comes first. Spark's "terminated" mark is
 * cleared <em>before</em> the queries are looked at, never after, so a query that fails while
 * another is being handled still ends the next wait and is restarted.
 *
 * <p>A failure no restart can cure ends the job instead, with an exception saying why: credentials
 * InfluxDB or Kafka refused. The job read them once, at its start, and a restarted query would
 * present the same ones again, forever. Its failed micro-batch is not committed, so the job started
 * again with the right credentials runs it again from the checkpoint: nothing is lost.
 */
final class QuerySupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(QuerySupervisor.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration HEALTHY_AFTER = Duration.ofMinutes(5);

    /** How a query is (re)started; it must resume from its checkpoint. */
    interface Starter {
        StreamingQuery start() throws TimeoutException;
    }

    private final SparkSession spark;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration healthyAfter;
    private final Map<String, Starter> starters = new LinkedHashMap<>();
    private final Map<String, StreamingQuery> running = new LinkedHashMap<>();
    private final Map<String, Duration> backoff = new LinkedHashMap<>();
    private final Map<String, Long> startedAtNanos = new LinkedHashMap<>();
    private final Map<String, Long> restartAtNanos = new LinkedHashMap<>();

    QuerySupervisor(SparkSession spark) {
        this(spark, FIRST_BACKOFF, MAX_BACKOFF, HEALTHY_AFTER);
    }

    QuerySupervisor(SparkSession spark, Duration firstBackoff, Duration maxBackoff, Duration healthyAfter) {
        this.spark = spark;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.healthyAfter = healthyAfter;
    }

    QuerySupervisor add(String name, Starter starter) {
        starters.put(name, starter);
        backoff.put(name, firstBackoff);
        return this;
    }

    /** Starts every query, then blocks, restarting failed ones, until one is stopped or Spark shuts down. */
    void run() throws TimeoutException, InterruptedException {
        for (String name : starters.keySet()) {
            start(name);
        }
        while (true) {
            spark.streams().resetTerminated();
            if (spark.sparkContext().isStopped()) {
                return;
            }
            for (Map.Entry<String, StreamingQuery> entry : Map.copyOf(running).entrySet()) {
                StreamingQuery query = entry.getValue();
                if (query.isActive()) {
                    continue;
                }
                if (query.exception().isEmpty()) {
                    LOG.info("query {} stopped; stopping the job", entry.getKey());
                    stopAll();
                    return;
                }
                Optional<Throwable> refused = refusedCredentials(query.exception().get());
                if (refused.isPresent()) {
                    stopAll();
                    throw credentialsRefused(entry.getKey(), refused.get(), query.exception().get());
                }
                scheduleRestart(entry.getKey(), query.exception().get());
            }
            restartDue();
            awaitTerminationOrRestart();
        }
    }

    private void scheduleRestart(String name, Throwable failure) {
        running.remove(name);
        long now = System.nanoTime();
        long ranForNanos = now - startedAtNanos.get(name);
        Duration wait = ranForNanos >= healthyAfter.toNanos() ? firstBackoff : backoff.get(name);
        LOG.error("query {} failed after {} s: {}; restarting from its checkpoint in {} ms", name,
                Duration.ofNanos(ranForNanos).toSeconds(), rootMessage(failure), wait.toMillis());
        Duration doubled = wait.multipliedBy(2);
        backoff.put(name, doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled);
        restartAtNanos.put(name, now + wait.toNanos());
    }

    /**
     * Restarts the queries whose backoff is over. A start that fails (its checkpoint's file system
     * unreachable, say) is one more failure of that query, retried after a longer backoff.
     */
    private void restartDue() throws TimeoutException {
        long now = System.nanoTime();
        for (Map.Entry<String, Long> due : Map.copyOf(restartAtNanos).entrySet()) {
            if (due.getValue() - now > 0) {
                continue;
            }
            String name = due.getKey();
            restartAtNanos.remove(name);
            try {
                start(name);
            } catch (RuntimeException e) {
                scheduleRestart(name, e);
            }
        }
    }

    /** Its start time is taken first, so a start that throws is a failure after 0 s. */
    private void start(String name) throws TimeoutException {
        startedAtNanos.put(name, System.nanoTime());
        running.put(name, starters.get(name).start());
    }

    /** Returns when a query terminates (including one that ended since the last reset) or the next restart is due. */
    private void awaitTerminationOrRestart() throws InterruptedException {
        try {
            if (restartAtNanos.isEmpty()) {
                spark.streams().awaitAnyTermination();
                return;
            }
            long now = System.nanoTime();
            long nextNanos = restartAtNanos.values().stream().mapToLong(at -> at - now).min().orElseThrow();
            if (nextNanos > 0) {
                spark.streams().awaitAnyTermination(Math.max(1, Duration.ofNanos(nextNanos).toMillis()));
            }
        } catch (StreamingQueryException e) {
            // Each failed query is reported and restarted by the loop.
        }
    }

    private void stopAll() throws TimeoutException {
        restartAtNanos.clear();
        for (StreamingQuery query : running.values()) {
            if (query.isActive()) {
                query.stop();
            }
        }
    }

    /**
     * The cause in {@code failure}'s chain that says credentials were refused: InfluxDB's 401 or 403,
     * or a failed Kafka login (SASL). Found as well when a task on an executor failed with it.
     */
    static Optional<Throwable> refusedCredentials(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InfluxWriteException influx && influx.credentialsRefused()
                    || cause instanceof AuthenticationException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException credentialsRefused(String name, Throwable refused, Throwable failure) {
        String message = "query " + name + " failed, and no restart can help: " + refused.getClass().getSimpleName()
                + ": " + refused.getMessage() + ". Its micro-batch was not committed: start the job again with the"
                + " right credentials and it runs that batch again from the checkpoint";
        LOG.error(message);
        return new IllegalStateException(message, failure);
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
