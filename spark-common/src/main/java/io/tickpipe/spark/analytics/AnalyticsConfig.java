package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parameters of {@link MarketAnalytics#analyze}. Immutable; build with {@link #builder()} or start
 * from {@link #defaults()} and {@link #toBuilder()}. {@link Builder#build()} rejects bad values with a
 * message naming the setting.
 *
 * <p>A streaming query restarted from a checkpoint keeps the state built with the configuration it
 * started with: changing intervals or periods needs a new checkpoint, and so does a version that
 * computes more indicators (its state refuses a checkpoint without them).
 */
public final class AnalyticsConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What Spark's {@code withWatermark} accepts in practice: {@code 5 seconds}, {@code 1 minute 30 seconds}. */
    private static final Pattern DELAY = Pattern.compile(
            "(interval\\s+)?\\d+\\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)"
                    + "(\\s+\\d+\\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?))*");

    private final List<BarInterval> intervals;
    private final String watermark;
    private final int smaPeriod;
    private final int emaPeriod;
    private final int rsiPeriod;
    private final int bollingerPeriod;
    private final double bollingerWidth;
    private final int macdFast;
    private final int macdSlow;
    private final int macdSignal;
    private final int atrPeriod;
    private final ZoneId sessionZone;
    private final LocalTime sessionOpen;
    private final SessionHours sessionHours;
    private final int anomalyWindow;
    private final double anomalyThreshold;
    private final AnomalyModel anomalyModel;

    private AnalyticsConfig(Builder b) {
        this.intervals = b.intervals.stream().map(label -> BarInterval.parse(label, b.sessionZone)).toList();
        this.watermark = b.watermark;
        this.smaPeriod = b.smaPeriod;
        this.emaPeriod = b.emaPeriod;
        this.rsiPeriod = b.rsiPeriod;
        this.bollingerPeriod = b.bollingerPeriod;
        this.bollingerWidth = b.bollingerWidth;
        this.macdFast = b.macdFast;
        this.macdSlow = b.macdSlow;
        this.macdSignal = b.macdSignal;
        this.atrPeriod = b.atrPeriod;
        this.sessionZone = b.sessionZone;
        this.sessionOpen = b.sessionOpen;
        this.sessionHours = b.sessionHours;
        this.anomalyWindow = b.anomalyWindow;
        this.anomalyThreshold = b.anomalyThreshold;
        this.anomalyModel = b.anomalyModel;
    }

    /**
     * Intervals 1s and 1m, watermark 5 seconds, SMA 20, EMA 20, RSI 14, Bollinger Bands 20 and 2, MACD
     * 12, 26 and 9, ATR 14, sessions opening 09:30 America/New_York, anomaly window 30 bars and
     * threshold 4.0.
     */
    public static AnalyticsConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.intervals = intervals.stream().map(BarInterval::label).toList();
        b.watermark = watermark;
        b.smaPeriod = smaPeriod;
        b.emaPeriod = emaPeriod;
        b.rsiPeriod = rsiPeriod;
        b.bollingerPeriod = bollingerPeriod;
        b.bollingerWidth = bollingerWidth;
        b.macdFast = macdFast;
        b.macdSlow = macdSlow;
        b.macdSignal = macdSignal;
        b.atrPeriod = atrPeriod;
        b.sessionZone = sessionZone;
        b.sessionOpen = sessionOpen;
        b.sessionHours = sessionHours;
        b.anomalyWindow = anomalyWindow;
        b.anomalyThreshold = anomalyThreshold;
        b.anomalyModel = anomalyModel;
        return b;
    }

    /** Bar intervals, in the order given; bars of days are calendar days of the session zone. */
    public List<BarInterval> intervals() {
        return intervals;
    }

    /** Spark delay string for {@code withWatermark("event_time", ...)} in streaming. */
    public String watermark() {
        return watermark;
    }

    /** SMA period in bars; the sink names the field {@code sma_<n>}. */
    public int smaPeriod() {
        return smaPeriod;
    }

    /** EMA period in bars. */
    public int emaPeriod() {
        return emaPeriod;
    }

    /** RSI period in bars. */
    public int rsiPeriod() {
        return rsiPeriod;
    }

    /** Bars in the Bollinger Bands' average and standard deviation; the fields are named after it. */
    public int bollingerPeriod() {
        return bollingerPeriod;
    }

    /** Standard deviations between the Bollinger middle band and the upper or lower one. */
    public double bollingerWidth() {
        return bollingerWidth;
    }

    /** Bars in MACD's fast EMA. */
    public int macdFast() {
        return macdFast;
    }

    /** Bars in MACD's slow EMA. */
    public int macdSlow() {
        return macdSlow;
    }

    /** MACD values in the signal line's EMA. */
    public int macdSignal() {
        return macdSignal;
    }

    /** ATR period in bars. */
    public int atrPeriod() {
        return atrPeriod;
    }

    /** Zone of the session open. */
    public ZoneId sessionZone() {
        return sessionZone;
    }

    /** Local time at which each daily session opens. */
    public LocalTime sessionOpen() {
        return sessionOpen;
    }

    /**
     * The hours of the day (in the session zone) whose trades make bars, or {@link SessionHours#ALL}
     * (the default: crypto trades around the clock).
     */
    public SessionHours sessionHours() {
        return sessionHours;
    }

    /** Whether a trade (or a bar) at {@code epochMicros} is within {@link #sessionHours()}. */
    public boolean inSessionHours(long epochMicros) {
        return sessionHours.includes(epochMicros, sessionZone);
    }

    /** The sessions for session VWAP. */
    public SessionCalendar sessionCalendar() {
        return new SessionCalendar(sessionZone, sessionOpen);
    }

    /** Bars of history an anomaly score weighs (EWMA span), and bars of warm-up before any flag. */
    public int anomalyWindow() {
        return anomalyWindow;
    }

    /** |score| at or above which a bar is flagged. */
    public double anomalyThreshold() {
        return anomalyThreshold;
    }

    /** The learned model that scores the final bars of its interval, or null: no model anomalies. */
    public AnomalyModel anomalyModel() {
        return anomalyModel;
    }

    @Override
    public String toString() {
        return "AnalyticsConfig{intervals=" + intervals + ", watermark='" + watermark + "', sma="
                + smaPeriod + ", ema=" + emaPeriod + ", rsi=" + rsiPeriod + ", bollinger=" + bollingerPeriod + "/"
                + bollingerWidth + ", macd=" + macdFast + "/" + macdSlow + "/" + macdSignal + ", atr=" + atrPeriod
                + ", session=" + sessionOpen + " "
                + sessionZone + ", sessionHours=" + sessionHours + ", anomalyWindow=" + anomalyWindow + ", anomalyThreshold=" + anomalyThreshold
                + (anomalyModel != null ? ", anomalyModel=" + anomalyModel.interval() + " bars" : "") + "}";
    }

    /** Builds an {@link AnalyticsConfig}; starts from the defaults. */
    public static final class Builder {
        private List<String> intervals = List.of("1s", "1m");
        private String watermark = "5 seconds";
        private int smaPeriod = 20;
        private int emaPeriod = 20;
        private int rsiPeriod = 14;
        private int bollingerPeriod = 20;
        private double bollingerWidth = 2.0;
        private int macdFast = 12;
        private int macdSlow = 26;
        private int macdSignal = 9;
        private int atrPeriod = 14;
        private ZoneId sessionZone = ZoneId.of("America/New_York");
        private LocalTime sessionOpen = LocalTime.of(9, 30);
        private SessionHours sessionHours = SessionHours.ALL;
        private int anomalyWindow = 30;
        private double anomalyThreshold = 4.0;
        private AnomalyModel anomalyModel;

        private Builder() {
        }

        /**
         * Bar intervals such as {@code "1s", "1m", "5m", "1h", "1d"}; at least one, no duplicates. Each is
         * checked here; bars of days take the session zone at {@link #build()}.
         */
        public Builder intervals(String... labels) {
            for (String label : labels) {
                BarInterval.parse(label);
            }
            this.intervals = List.of(labels);
            return this;
        }

        /** Spark delay string, e.g. {@code "5 seconds"}. */
        public Builder watermark(String delay) {
            this.watermark = delay;
            return this;
        }

        /** SMA period, at least 1. */
        public Builder smaPeriod(int period) {
            this.smaPeriod = period;
            return this;
        }

        /** EMA period, at least 1. */
        public Builder emaPeriod(int period) {
            this.emaPeriod = period;
            return this;
        }

        /** RSI period, at least 1. */
        public Builder rsiPeriod(int period) {
            this.rsiPeriod = period;
            return this;
        }

        /** Bollinger period, at least 1. */
        public Builder bollingerPeriod(int period) {
            this.bollingerPeriod = period;
            return this;
        }

        /** Bollinger width in standard deviations, a positive finite number. */
        public Builder bollingerWidth(double width) {
            this.bollingerWidth = width;
            return this;
        }

        /** MACD's periods: fast and slow EMA of closes ({@code fast < slow}), signal EMA of MACD values. */
        public Builder macd(int fast, int slow, int signal) {
            this.macdFast = fast;
            this.macdSlow = slow;
            this.macdSignal = signal;
            return this;
        }

        /** ATR period, at least 1. */
        public Builder atrPeriod(int period) {
            this.atrPeriod = period;
            return this;
        }

        /** Zone id of the session open, e.g. {@code "America/New_York"}. */
        public Builder sessionZone(String zoneId) {
            try {
                this.sessionZone = ZoneId.of(Objects.requireNonNull(zoneId, "sessionZone"));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("sessionZone '" + zoneId + "' is not a zone id: " + e.getMessage(), e);
            }
            return this;
        }

        /** Local time of the session open, e.g. {@code LocalTime.of(9, 30)}. */
        public Builder sessionOpen(LocalTime open) {
            this.sessionOpen = open;
            return this;
        }

        /** Only trades (or bars) at these hours of the day in the session zone make bars. */
        public Builder sessionHours(SessionHours hours) {
            this.sessionHours = Objects.requireNonNull(hours, "sessionHours");
            return this;
        }

        /** Anomaly window in bars, at least 2. */
        public Builder anomalyWindow(int bars) {
            this.anomalyWindow = bars;
            return this;
        }

        /** Anomaly threshold, a positive finite number. */
        public Builder anomalyThreshold(double threshold) {
            this.anomalyThreshold = threshold;
            return this;
        }

        /** The learned model scoring its interval's final bars; null for none. */
        public Builder anomalyModel(AnomalyModel model) {
            this.anomalyModel = model;
            return this;
        }

        /** The configuration; {@link IllegalArgumentException} naming the first bad setting. */
        public AnalyticsConfig build() {
            require(intervals != null && !intervals.isEmpty(), "intervals: at least one bar interval is needed");
            Set<String> labels = new HashSet<>();
            Set<Long> lengths = new HashSet<>();
            for (String label : intervals) {
                BarInterval interval = BarInterval.parse(label);
                require(labels.add(interval.label()) && lengths.add(interval.micros()),
                        "intervals: " + interval + " is given twice (or as another spelling of the same length)");
            }
            require(watermark != null && DELAY.matcher(watermark.trim().toLowerCase(Locale.ROOT)).matches(),
                    "watermark '" + watermark + "' is not a Spark delay such as '5 seconds' or '1 minute'");
            require(smaPeriod >= 1, "smaPeriod must be at least 1, was " + smaPeriod);
            require(emaPeriod >= 1, "emaPeriod must be at least 1, was " + emaPeriod);
            require(rsiPeriod >= 1, "rsiPeriod must be at least 1, was " + rsiPeriod);
            require(bollingerPeriod >= 1, "bollingerPeriod must be at least 1, was " + bollingerPeriod);
            require(bollingerWidth > 0 && Double.isFinite(bollingerWidth),
                    "bollingerWidth must be a positive finite number, was " + bollingerWidth);
            require(macdFast >= 1, "macdFast must be at least 1, was " + macdFast);
            require(macdSignal >= 1, "macdSignal must be at least 1, was " + macdSignal);
            require(macdSlow > macdFast, "macdSlow (" + macdSlow + ") must be greater than macdFast (" + macdFast + ")");
            require(atrPeriod >= 1, "atrPeriod must be at least 1, was " + atrPeriod);
            require(sessionOpen != null, "sessionOpen is required");
            require(anomalyWindow >= 2, "anomalyWindow must be at least 2 bars, was " + anomalyWindow);
            require(anomalyThreshold > 0 && Double.isFinite(anomalyThreshold),
                    "anomalyThreshold must be a positive finite number, was " + anomalyThreshold);
            require(anomalyModel == null || lengths.contains(BarInterval.parse(anomalyModel.interval()).micros()),
                    anomalyModel == null ? "" : "the anomaly model scores " + anomalyModel.interval() + " bars, but the intervals "
                            + String.join(",", intervals) + " do not make them: add " + anomalyModel.interval()
                            + " to --intervals or use a model trained at one of them");
            return new AnalyticsConfig(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
