package io.tickpipe.stream;

import java.io.Serializable;

/**
 * Holds the ingest query's work back to the second half of each trigger interval, so that the
 * analytics query, triggered at the start of the same interval, has the cores to itself.
 *
 * <p>Spark starts a processing-time trigger's micro-batches at whole multiples of the interval
 * (since the epoch, by the wall clock), both queries with the same interval, so both used to start
 * together and compete (on the benchmarks' 2 cores the bars' batch took 350 ms at the median beside
 * the ingest batch, 200 ms alone). Raw points are written half an interval later instead, which they
 * can afford; the bars, which dashboards and alerts watch, cannot. A batch that starts in the second
 * half already (the one before took long) does not wait, and neither does any batch with a zero
 * interval.
 *
 * <p>Only with a local master ({@link #forMaster}): there the driver and every task share the
 * machine's cores. On a cluster the executors work on other machines and the driver only plans, so
 * a wait would make raw points later and gain the bars nothing.
 */
final class HalfIntervalDelay implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long intervalMs;

    HalfIntervalDelay(long intervalMs) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("trigger interval must not be negative: " + intervalMs + " ms");
        }
        this.intervalMs = intervalMs;
    }

    /** The wait for a job on a local master ({@code localMaster}), none on a cluster. */
    static HalfIntervalDelay forMaster(boolean localMaster, long intervalMs) {
        return new HalfIntervalDelay(localMaster ? intervalMs : 0);
    }

    /** How long a batch starting at {@code nowMs} (epoch milliseconds) waits. */
    long delayMs(long nowMs) {
        if (intervalMs == 0) {
            return 0;
        }
        long half = intervalMs / 2;
        long phase = Math.floorMod(nowMs, intervalMs);
        return phase < half ? half - phase : 0;
    }

    /** Sleeps until the second half of the current interval; at once when already there. */
    void await() throws InterruptedException {
        long delay = delayMs(System.currentTimeMillis());
        if (delay > 0) {
            Thread.sleep(delay);
        }
    }
}
