package io.tickpipe.options;

import picocli.CommandLine.Option;

/**
 * {@code --macd-fast}, {@code --macd-slow}, {@code --macd-signal} (a picocli mixin): the jobs compute
 * MACD with these periods and name its fields after them ({@code macd_12_26}, {@code macd_signal_9});
 * {@code tickpipe watch} reads those fields, so both take the periods under one definition.
 */
public final class MacdPeriodsOption {

    @Option(names = "--macd-fast", defaultValue = "12", paramLabel = "N",
            description = "Bars in MACD's fast EMA, fewer than --macd-slow; its field is macd_FAST_SLOW (default: ${DEFAULT-VALUE}).")
    int fast;

    @Option(names = "--macd-slow", defaultValue = "26", paramLabel = "N",
            description = "Bars in MACD's slow EMA (default: ${DEFAULT-VALUE}).")
    int slow;

    @Option(names = "--macd-signal", defaultValue = "9", paramLabel = "N",
            description = "MACD values in its signal line's EMA; its field is macd_signal_N, and macd_histogram is MACD"
                    + " minus the signal (default: ${DEFAULT-VALUE}).")
    int signal;

    public int fast() {
        return fast;
    }

    public int slow() {
        return slow;
    }

    public int signal() {
        return signal;
    }
}
