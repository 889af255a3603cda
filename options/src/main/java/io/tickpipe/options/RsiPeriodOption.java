package io.tickpipe.options;

import picocli.CommandLine.Option;

/**
 * {@code --rsi-period} (a picocli mixin): the jobs compute RSI over this many bars and name its
 * field after it ({@code rsi_14}); {@code tickpipe watch} reads that field, so both take the period
 * under one definition.
 */
public final class RsiPeriodOption {

    @Option(names = "--rsi-period", defaultValue = "14", paramLabel = "N",
            description = "Bars in the RSI (Wilder smoothing); its field is rsi_N (default: ${DEFAULT-VALUE}).")
    int period;

    public int period() {
        return period;
    }
}
