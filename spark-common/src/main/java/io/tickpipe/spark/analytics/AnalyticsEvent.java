package io.tickpipe.spark.analytics;

/** What the analytics emit: a bar, the indicators of a final bar, or an anomaly of a final bar. */
public sealed interface AnalyticsEvent permits Bar, IndicatorValues, Anomaly {
    /** Symbol the event is about. */
    String symbol();

    /** Bar interval label, e.g. {@code "1m"}. */
    String interval();

    /** Start of the bar the event is about, epoch micros. */
    long startMicros();
}
