package io.tickpipe.options;

import picocli.CommandLine.Option;

/**
 * {@code --atr-period} (a picocli mixin): the jobs compute the Average True Range over this many bars
 * and name its field after it ({@code atr_14}); {@code tickpipe watch} reads that field, so both take
 * the period under one definition.
 */
public final class AtrPeriodOption {

    @Option(names = "--atr-period", defaultValue = "14", paramLabel = "N",
            description = "Bars in the Average True Range (Wilder smoothing); its field is atr_N (default: ${DEFAULT-VALUE}).")
    int period;

    public int period() {
        return period;
    }
}
