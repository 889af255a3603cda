package io.tickpipe.stream;

import java.io.Serializable;

/**
 * Holds the ingest query's work back to the second half of the analytics query's trigger interval,
 * so that the analytics batch, triggered at the start of that interval, has the cores to itself.
 *
 * <p>Spark starts a processing-time trigger's micro-batches at whole multiples of the interval
 * (since the epoch, by the wall clock); with the ingest interval a multiple of the analytics
 * interval (the defaults are), every ingest batch starts together with an analytics batch. With a
 * local master the driver, which plans and submits the analytics batch, shares the machine's cores
 * with the tasks decoding the ingest batch, and the bars wait for a core. Raw points are written half
 * an analytics interval later instead, which they can afford; the bars, which dashboards and alerts
 * watch, cannot. A batch that starts in the second half already (the one before took long) does not
 * wait, and neither does any batch when the analytics interval is zero.
 *
 * <p>Only with a local master ({@link #of}): on a cluster the driver's CPU is not the executors',
 * and the pools of {@code fairscheduler.xml} already give the bars' tasks the first free slots.
 * Measured effect: docs/performance.md.
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

    /**
     * The wait of an ingest query beside an analytics query whose trigger interval is {@code
     * intervalMs}: the half interval when the job runs with a local master ({@code local},
     * {@code local[N]}), none otherwise.
     */
    static HalfIntervalDelay of(long intervalMs, boolean localMaster) {
        HalfIntervalDelay delay = new HalfIntervalDelay(intervalMs);
        return localMaster ? delay : new HalfIntervalDelay(0);
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
