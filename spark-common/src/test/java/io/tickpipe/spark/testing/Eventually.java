package io.tickpipe.spark.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition of an asynchronous pipeline; fails with what was last seen. Never a timing assertion: the limit only bounds a hang. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(Duration limit, BooleanSupplier condition, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + limit + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
