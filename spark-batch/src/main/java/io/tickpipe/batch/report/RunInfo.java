package io.tickpipe.batch.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a run analysed and how.
 *
 * @param inputs the inputs as a user would name them, e.g. {@code "kafka market.trades"} or
 *     {@code "csv /data/trades.csv.gz"}
 * @param first start of the first bar analysed
 * @param last start of the last bar analysed
 * @param barIntervals the bar intervals computed, e.g. {@code ["1m", "1d"]}
 * @param summaryInterval the interval of the bars the statistics were computed on
 * @param sessionZone the zone of daily sessions (1d bars, session VWAP), and of the times shown
 * @param periods the indicators' parameters
 * @param notes what the reader must know to read the figures, e.g. that bars input has no VWAP
 * @param generatedAt when the report was written
 */
public record RunInfo(List<String> inputs, Instant first, Instant last, List<String> barIntervals,
                      String summaryInterval, ZoneId sessionZone, IndicatorPeriods periods, List<String> notes,
                      Instant generatedAt) {
    public RunInfo {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("analysed range ends (" + last + ") before it starts (" + first + ")");
        }
        barIntervals = List.copyOf(barIntervals);
        Objects.requireNonNull(summaryInterval, "summaryInterval");
        Objects.requireNonNull(sessionZone, "sessionZone");
        Objects.requireNonNull(periods, "periods");
        notes = List.copyOf(notes);
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}
