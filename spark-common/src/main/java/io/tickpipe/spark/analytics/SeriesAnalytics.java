package io.tickpipe.spark.analytics;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything computed sequentially over the final bars of one symbol and interval: session VWAP,
 * SMA, EMA, RSI, Bollinger Bands and MACD of the closes, ATR of the bars, and anomalies. Fed in
 * bar-start order, so deterministic.
 *
 * <p>The streaming job keeps it in its checkpoint (Java serialization). A checkpoint written before
 * an indicator was added has no state for it: reading one fails with {@link InvalidObjectException}
 * naming the remedy, a new checkpoint, rather than leaving that indicator empty for good.
 */
final class SeriesAnalytics implements Serializable {
    // Unchanged when a field is added, so an older checkpoint still deserializes and readObject can
    // name what it lacks instead of Java serialization refusing it with a class-version mismatch.
    private static final long serialVersionUID = 1L;

    private final SessionVwap sessionVwap;
    private final SimpleMovingAverage sma;
    private final ExponentialMovingAverage ema;
    private final RelativeStrengthIndex rsi;
    private final BollingerBands bollinger;
    private final MovingAverageConvergenceDivergence macd;
    private final AverageTrueRange atr;
    private final AnomalyDetector anomalies;

    SeriesAnalytics(AnalyticsConfig config) {
        this.sessionVwap = new SessionVwap(config.sessionCalendar());
        this.sma = new SimpleMovingAverage(config.smaPeriod());
        this.ema = new ExponentialMovingAverage(config.emaPeriod());
        this.rsi = new RelativeStrengthIndex(config.rsiPeriod());
        this.bollinger = new BollingerBands(config.bollingerPeriod(), config.bollingerWidth());
        this.macd = new MovingAverageConvergenceDivergence(config.macdFast(), config.macdSlow(), config.macdSignal());
        this.atr = new AverageTrueRange(config.atrPeriod());
        this.anomalies = new AnomalyDetector(config.anomalyWindow(), config.anomalyThreshold());
    }

    /** The indicators, then any anomalies, of the next final bar. */
    List<AnalyticsEvent> onFinalBar(Bar bar, BigDecimal exactNotional, BigDecimal exactVolume) {
        List<AnalyticsEvent> events = new ArrayList<>(3);
        double close = bar.close();
        events.add(new IndicatorValues(bar.symbol(), bar.interval(), bar.startMicros(),
                sessionVwap.add(bar.startMicros(), exactNotional, exactVolume),
                sma.add(close), ema.add(close), rsi.add(close), bollinger.add(close), macd.add(close),
                atr.add(bar.high(), bar.low(), close)));
        events.addAll(anomalies.onFinalBar(bar));
        return events;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (bollinger == null || macd == null || atr == null) {
            throw new InvalidObjectException("the checkpoint holds indicator state written before Bollinger Bands,"
                    + " MACD and ATR were computed: start the streaming job with a new --checkpoint-dir"
                    + " (docs/troubleshooting.md, \"A checkpoint from an earlier version\")");
        }
    }
}
