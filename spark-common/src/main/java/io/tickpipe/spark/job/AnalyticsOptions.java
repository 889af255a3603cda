package io.tickpipe.spark.job;

import io.tickpipe.options.AtrPeriodOption;
import io.tickpipe.options.BollingerPeriodOption;
import io.tickpipe.options.MacdPeriodsOption;
import io.tickpipe.options.RsiPeriodOption;
import io.tickpipe.spark.analytics.AnalyticsConfig;
import io.tickpipe.spark.analytics.SessionHours;
import java.time.LocalTime;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the market transformations both jobs run (a picocli mixin). The watermark is the
 * streaming job's own: a batch sees every trade.
 */
public final class AnalyticsOptions {

    /** The help of each command's {@code --intervals}; the default differs, live or history. */
    public static final String INTERVALS_HELP = "Bar intervals, e.g. 1s,1m,5m,1h,1d; 1d bars are calendar days of the"
            + " session zone (default: ${DEFAULT-VALUE}).";

    @Option(names = "--sma-period", defaultValue = "20", paramLabel = "N", description = "Bars in the simple moving average (default: ${DEFAULT-VALUE}).")
    int smaPeriod;

    @Option(names = "--ema-period", defaultValue = "20", paramLabel = "N", description = "Bars in the exponential moving average (default: ${DEFAULT-VALUE}).")
    int emaPeriod;

    @Mixin
    RsiPeriodOption rsi;

    @Mixin
    BollingerPeriodOption bollinger;

    @Option(names = "--bb-width", defaultValue = "2", paramLabel = "K",
            description = "Standard deviations from the Bollinger middle band to the upper and lower bands (default:"
                    + " ${DEFAULT-VALUE}).")
    double bollingerWidth;

    @Mixin
    MacdPeriodsOption macd;

    @Mixin
    AtrPeriodOption atr;

    @Option(names = "--session-zone", defaultValue = "America/New_York", paramLabel = "ZONE",
            description = "Exchange time zone of the session open (default: ${DEFAULT-VALUE}).")
    String sessionZone;

    @Option(names = "--session-open", defaultValue = "09:30", paramLabel = "HH:MM",
            description = "Local time at which session VWAP resets (default: ${DEFAULT-VALUE}).")
    String sessionOpen;

    @Option(names = "--session-hours", paramLabel = "HH:MM-HH:MM",
            description = "Only trades at these hours of the day (session zone) make bars, e.g. 09:30-16:00 for an"
                    + " equity's regular session (default: every hour, as crypto trades around the clock).")
    String sessionHours;

    @Option(names = "--anomaly-window", defaultValue = "30", paramLabel = "BARS",
            description = "Bars of history an anomaly is scored against (default: ${DEFAULT-VALUE}).")
    int anomalyWindow;

    @Option(names = "--anomaly-threshold", defaultValue = "4.0", paramLabel = "SCORE",
            description = "Robust z-score from which a bar is an anomaly (default: ${DEFAULT-VALUE}).")
    double anomalyThreshold;

    /** A builder holding these settings and {@code intervals}, for a job to add its own (the stream's watermark). */
    public AnalyticsConfig.Builder analytics(List<String> intervals) {
        return AnalyticsConfig.builder()
                .intervals(intervals.toArray(String[]::new))
                .smaPeriod(smaPeriod)
                .emaPeriod(emaPeriod)
                .rsiPeriod(rsi.period())
                .bollingerPeriod(bollinger.period())
                .bollingerWidth(bollingerWidth)
                .macd(macd.fast(), macd.slow(), macd.signal())
                .atrPeriod(atr.period())
                .sessionZone(sessionZone)
                .sessionOpen(LocalTime.parse(sessionOpen))
                .sessionHours(sessionHours == null ? SessionHours.ALL : SessionHours.parse(sessionHours))
                .anomalyWindow(anomalyWindow)
                .anomalyThreshold(anomalyThreshold);
    }
}
