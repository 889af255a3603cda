package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything computed sequentially over the final bars of one symbol and interval: session VWAP,
 * SMA, EMA and RSI of the closes, and anomalies. Fed in bar-start order, so deterministic.
 */
final class SeriesAnalytics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SessionVwap sessionVwap;
    private final SimpleMovingAverage sma;
    private final ExponentialMovingAverage ema;
    private final RelativeStrengthIndex rsi;
    private final AnomalyDetector anomalies;

    SeriesAnalytics(AnalyticsConfig config) {
        this.sessionVwap = new SessionVwap(config.sessionCalendar());
        this.sma = new SimpleMovingAverage(config.smaPeriod());
        this.ema = new ExponentialMovingAverage(config.emaPeriod());
        this.rsi = new RelativeStrengthIndex(config.rsiPeriod());
        this.anomalies = new AnomalyDetector(config.anomalyWindow(), config.anomalyThreshold());
    }

    /** The indicators, then any anomalies, of the next final bar. */
    List<AnalyticsEvent> onFinalBar(Bar bar, BigDecimal exactNotional, BigDecimal exactVolume) {
        List<AnalyticsEvent> events = new ArrayList<>(3);
        double close = bar.close();
        events.add(new IndicatorValues(bar.symbol(), bar.interval(), bar.startMicros(),
                sessionVwap.add(bar.startMicros(), exactNotional, exactVolume),
                sma.add(close), ema.add(close), rsi.add(close)));
        events.addAll(anomalies.onFinalBar(bar));
        return events;
    }
}
