package io.tickpipe.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
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
    private final Map<String, Starter> starters = new LinkedHashMap<>();
    private final Map<String, StreamingQuery> running = new LinkedHashMap<>();
    private final Map<String, Duration> backoff = new LinkedHashMap<>();
    private final Map<String, Long> startedAt = new LinkedHashMap<>();

    QuerySupervisor(SparkSession spark) {
        this.spark = spark;
    }

    QuerySupervisor add(String name, Starter starter) {
        starters.put(name, starter);
        backoff.put(name, FIRST_BACKOFF);
        return this;
    }

    /** Starts every query, then blocks, restarting failed ones, until one is stopped or Spark shuts down. */
    void run() throws TimeoutException, InterruptedException {
        for (Map.Entry<String, Starter> entry : starters.entrySet()) {
            start(entry.getKey());
        }
        while (true) {
            try {
                spark.streams().awaitAnyTermination();
            } catch (StreamingQueryException e) {
                // Reported below, per query.
            }
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
                restartLater(entry.getKey(), query.exception().get());
            }
            spark.streams().resetTerminated();
        }
    }

    private void restartLater(String name, StreamingQueryException failure) throws TimeoutException, InterruptedException {
        long ranFor = System.currentTimeMillis() - startedAt.get(name);
        Duration wait = ranFor >= HEALTHY_AFTER.toMillis() ? FIRST_BACKOFF : backoff.get(name);
        LOG.error("query {} failed after {} s: {}; restarting from its checkpoint in {} s", name, ranFor / 1000,
                rootMessage(failure), wait.toSeconds());
        Thread.sleep(wait.toMillis());
        Duration doubled = wait.multipliedBy(2);
        backoff.put(name, doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled);
        start(name);
    }

    private void start(String name) throws TimeoutException {
        running.put(name, starters.get(name).start());
        startedAt.put(name, System.currentTimeMillis());
    }

    private void stopAll() throws TimeoutException {
        for (StreamingQuery query : running.values()) {
            if (query.isActive()) {
                query.stop();
            }
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
