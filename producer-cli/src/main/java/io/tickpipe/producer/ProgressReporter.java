package io.tickpipe.producer;

import io.tickpipe.producer.sink.SendCounters;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Once a second on stderr: events/s, then sent, acknowledged and failed per topic; a summary at the end. */
final class ProgressReporter implements AutoCloseable {
    private final SendCounters counters;
    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private long lastSent;
    private long lastNanos = startNanos;

    ProgressReporter(SendCounters counters, PrintWriter err, boolean live) {
        this.counters = counters;
        this.err = err;
        this.timer = live ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickpipe-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void report() {
        long now = System.nanoTime();
        long sent = counters.sent();
        double rate = (sent - lastSent) / ((now - lastNanos) / 1e9);
        lastSent = sent;
        lastNanos = now;
        err.println(String.format(Locale.ROOT, "%8.0f events/s | ", rate) + perTopic());
        err.flush();
    }

    private String perTopic() {
        StringBuilder line = new StringBuilder();
        counters.byTopic().forEach((topic, c) -> line.append(line.length() == 0 ? "" : " | ")
                .append(String.format(Locale.ROOT, "%s sent %d acked %d failed %d", topic, c.sent(), c.acknowledged(), c.failed())));
        return line.toString();
    }

    void summary(String sourceSummary) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        err.println(String.format(Locale.ROOT, "summary: %d events sent, %d acknowledged, %d failed in %.1f s (%.0f events/s)",
                counters.sent(), counters.acknowledged(), counters.failed(), seconds, counters.sent() / Math.max(seconds, 1e-9)));
        counters.byTopic().forEach((topic, c) -> {
            err.println(String.format(Locale.ROOT, "  %s: sent %d, acknowledged %d, failed %d", topic, c.sent(), c.acknowledged(), c.failed()));
            if (c.firstFailure() != null) {
                err.println("    first failure: " + c.firstFailure());
            }
        });
        if (!sourceSummary.isEmpty()) {
            err.println("  " + sourceSummary);
        }
        err.flush();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
