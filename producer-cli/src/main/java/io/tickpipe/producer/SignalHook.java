package io.tickpipe.producer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * SIGINT/SIGTERM end an open-ended run cleanly: the hook asks the run to stop, waits until the run
 * has flushed, closed and summarised, then exits with the run's own code (0 unless sends failed).
 */
final class SignalHook {
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook;
    // A run that ends by an exception has failed.
    private volatile int exitCode = CommandLine.ExitCode.SOFTWARE;

    private SignalHook(StopSignal stop) {
        this.hook = new Thread(() -> {
            stop.stop();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(exitCode);
        }, "tickpipe-shutdown");
    }

    static SignalHook install(StopSignal stop) {
        SignalHook signalHook = new SignalHook(stop);
        Runtime.getRuntime().addShutdownHook(signalHook.hook);
        return signalHook;
    }

    /** The run is over, its resources closed: a pending signal may now exit with {@code code}. */
    void release(int code) {
        exitCode = code;
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and exits with the code
        }
    }
}
