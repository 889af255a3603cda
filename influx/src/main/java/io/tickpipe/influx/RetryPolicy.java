package io.tickpipe.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both writers do when a request fails: IO errors, 5xx and 429 are retried with exponential
 * backoff and jitter up to {@code maxRetries} times, each retry logged at WARN; other answers fail
 * at once, a refused login (401, 403) among them: it is no outage, and the same credentials would be
 * refused again. Either way the caller gets an {@link InfluxWriteException}.
 */
final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final int maxRetries;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.initialDelayMillis = initialDelay.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
    }

    static RetryPolicy of(InfluxConfig config) {
        return new RetryPolicy(config.maxRetries(), config.retryInitialDelay(), config.retryMaxDelay());
    }

    /** One request; it throws a {@link Failure} saying what went wrong. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Failure;
    }

    /**
     * Runs {@code attempt} until it succeeds or fails for good.
     *
     * @param target what is written to, for messages: URL and database or bucket, no credentials
     */
    void run(String target, Attempt attempt) {
        int allowed = maxRetries + 1;
        for (int attemptNo = 1; ; attemptNo++) {
            try {
                attempt.run();
                return;
            } catch (Failure failure) {
                if (!failure.retryable() || attemptNo == allowed) {
                    throw failure.toException(target, attemptNo);
                }
                long delay = delayMillis(attemptNo);
                LOG.warn("InfluxDB write to {} failed: {} (attempt {}/{}), retrying in {} ms",
                        target, failure.getMessage(), attemptNo, allowed, delay);
                sleep(delay, target, failure, attemptNo);
            }
        }
    }

    /** Backoff after the {@code attemptNo}-th failure: doubling from the initial delay, capped, jittered. */
    long delayMillis(int attemptNo) {
        long doubled = initialDelayMillis << Math.min(attemptNo - 1, 30);
        long capped = Math.min(doubled < 0 ? Long.MAX_VALUE : doubled, maxDelayMillis);
        // Jitter keeps the executors of one job from hammering a recovering server in lockstep.
        return capped - ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void sleep(long millis, String target, Failure failure, int attemptNo) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InfluxWriteException interrupted = Failure.interrupted(e).toException(target, attemptNo);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    /** Why one attempt failed; whether it is worth another one follows from the status. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private static final int NO_ANSWER = -1;
        private static final int INTERRUPTED = -2;

        private final int status;
        private final String serverMessage;

        private Failure(String message, int status, String serverMessage, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.serverMessage = serverMessage;
        }

        /**
         * The server answered {@code status}; {@code serverMessage} is its error text (may add a hint).
         * A refused login (401, 403) says what to check.
         */
        static Failure answered(int status, String serverMessage) {
            return new Failure("HTTP " + status + ": " + serverMessage + RefusedCredentials.hint(status), status,
                    serverMessage, null);
        }

        /** No answer: connection refused or reset, timeout. */
        static Failure noAnswer(IOException cause) {
            return new Failure(describe(cause), NO_ANSWER, null, cause);
        }

        /** The JDK's client throws a ConnectException without a message; the innermost cause says more. */
        private static String describe(IOException e) {
            if (e.getMessage() != null) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return e.getClass().getSimpleName() + (root == e ? "" : " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")");
        }

        static Failure interrupted(InterruptedException cause) {
            return new Failure("interrupted", INTERRUPTED, null, cause);
        }

        boolean retryable() {
            return status == NO_ANSWER || status == 429 || status >= 500;
        }

        InfluxWriteException toException(String target, int attempts) {
            String outcome = retryable() ? "failed after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                    : "failed (attempt " + attempts + ", not retried)";
            return new InfluxWriteException("InfluxDB write to " + target + " " + outcome + ": " + getMessage(),
                    status > 0 ? status : 0, serverMessage, attempts, getCause());
        }
    }
}
