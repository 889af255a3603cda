package io.tickpipe.options;

import picocli.CommandLine.Option;

/**
 * {@code --bb-period} (a picocli mixin): the jobs compute Bollinger Bands over this many bars and name
 * their fields after it ({@code bb_upper_20}); {@code tickpipe watch} reads those fields, so both take
 * the period under one definition.
 */
public final class BollingerPeriodOption {

    @Option(names = "--bb-period", defaultValue = "20", paramLabel = "N",
            description = "Bars in the Bollinger Bands' moving average and standard deviation; their fields are"
                    + " bb_middle_N, bb_upper_N, bb_lower_N, bb_percent_b_N, bb_bandwidth_N (default: ${DEFAULT-VALUE}).")
    int period;

    public int period() {
        return period;
    }
}
