package io.tickpipe.batch.report;

/**
 * One candle of a chart: a bar, or several bars aggregated to the chart's interval.
 *
 * @param time start, epoch milliseconds
 */
public record Candle(long time, double open, double high, double low, double close, double volume) {
    public Candle {
        if (!(Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close)
                && Double.isFinite(volume))) {
            throw new IllegalArgumentException("candle at " + time + " has a value that is not a finite number: "
                    + open + " " + high + " " + low + " " + close + " " + volume);
        }
    }
}
