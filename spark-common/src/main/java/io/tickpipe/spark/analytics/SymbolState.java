package io.tickpipe.spark.analytics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Everything the analytics remember about one symbol between micro-batches: for every configured
 * interval the open bars and the indicator, session and anomaly state of its final bars, and where
 * an {@link AnomalyModel} is given, its scoring of the final bars of the model's interval. Trades
 * update it in any order; a watermark (or the end of a batch input) makes bars final, and only then
 * do they feed the indicators, in start order.
 *
 * <p>Spark keeps one per symbol as the group state of {@link MarketAnalytics#analyze}; the batch
 * job and the tests can drive it directly.
 */
public final class SymbolState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One interval's open bars and the analytics of its final bars; {@code model} null unless the model scores it. */
    private record Track(OpenBars bars, SeriesAnalytics series, ModelScorer model) implements Serializable {
    }

    private final String symbol;
    private final List<Track> tracks;
    private long lateTrades;
    private long lastLateSequence;

    /** Empty state of {@code symbol} for the intervals and parameters of {@code config}. */
    public SymbolState(String symbol, AnalyticsConfig config) {
        this.symbol = symbol;
        this.tracks = new ArrayList<>();
        AnomalyModel model = config.anomalyModel();
        for (BarInterval interval : config.intervals()) {
            boolean scored = model != null && BarInterval.parse(model.interval()).micros() == interval.micros();
            tracks.add(new Track(new OpenBars(interval), new SeriesAnalytics(config), scored ? model.scorer(symbol) : null));
        }
    }

    /**
     * Scores with {@code model} from now on (null: with none). The streaming job calls it with its own
     * model for state restored from a checkpoint, which may have been written with no model or another
     * one: the interval's scorer then starts afresh, so a restart never runs on without the model it was
     * given.
     */
    public void useModel(AnomalyModel model) {
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            boolean scored = model != null && BarInterval.parse(model.interval()).micros() == track.bars().interval().micros();
            if (!scored && track.model() != null) {
                tracks.set(i, new Track(track.bars(), track.series(), null));
            } else if (scored && (track.model() == null || !track.model().scoresWith(model))) {
                tracks.set(i, new Track(track.bars(), track.series(), model.scorer(symbol)));
            }
        }
    }

    /**
     * Adds one trade to the open bar of each interval. Returns false when no bar took it: a non-finite
     * or non-positive price, a negative or non-finite size, or bars that are already final.
     */
    public boolean add(double price, double size, long timeMicros, long sequence) {
        TradePrint trade = new TradePrint(timeMicros, sequence, price, size);
        if (!trade.isUsable()) {
            return false;
        }
        boolean taken = false;
        boolean refused = false;
        for (Track track : tracks) {
            boolean added = track.bars().add(trade);
            taken |= added;
            refused |= !added;
        }
        if (refused) {
            // In a bar that is already final: the trade is missing from it, which must be counted.
            lateTrades++;
            lastLateSequence = sequence;
        }
        return taken;
    }

    /**
     * Adds one bar of a bar file (start, open, high, low, close, volume) to the bar of each interval
     * holding its start; the caller has checked the bar and that no interval is finer than the file's.
     * Returns false when a bar it belongs to is already final.
     */
    public boolean addBar(long startMicros, double open, double high, double low, double close, double volume) {
        boolean taken = true;
        for (Track track : tracks) {
            taken &= track.bars().addBar(startMicros, open, high, low, close, volume);
        }
        return taken;
    }

    /**
     * How many usable trades came for a bar of some interval that was already final since the last
     * call (Spark's own watermark filter lags the watermark that closes bars by one micro-batch), and
     * the sequence number of the last of them; resets the count.
     */
    public LateTrades drainLateTrades() {
        LateTrades late = new LateTrades(lateTrades, lastLateSequence);
        lateTrades = 0;
        return late;
    }

    /** Trades that arrived for final bars, and the sequence number of the last one. */
    public record LateTrades(long count, long lastSequence) {
    }

    /**
     * Makes final every bar that ends at or before {@code watermarkMicros}: per interval in start
     * order, each final bar followed by its indicators and anomalies.
     */
    public List<AnalyticsEvent> closeThrough(long watermarkMicros) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (Track track : tracks) {
            emitFinal(track, track.bars().closeThrough(watermarkMicros), events);
        }
        return events;
    }

    /** Makes every open bar final, as {@link #closeThrough} does: the input has ended. */
    public List<AnalyticsEvent> closeAll() {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (Track track : tracks) {
            emitFinal(track, track.bars().closeAll(), events);
        }
        return events;
    }

    private void emitFinal(Track track, List<OpenBars.Slot> closed, List<AnalyticsEvent> events) {
        String label = track.bars().interval().label();
        for (OpenBars.Slot c : closed) {
            Bar bar = c.bar().toBar(symbol, label, c.startMicros(), true);
            events.add(bar);
            events.addAll(track.series().onFinalBar(bar, c.bar().exactNotional(), c.bar().exactVolume()));
            Anomaly scored = track.model() != null ? track.model().onFinalBar(bar) : null;
            if (scored != null) {
                events.add(scored);
            }
        }
    }

    /** The open bars that trades touched since the last call, as live bars ({@code isFinal} false). */
    public List<Bar> drainLiveBars() {
        List<Bar> live = new ArrayList<>();
        for (Track track : tracks) {
            String label = track.bars().interval().label();
            for (OpenBars.Slot c : track.bars().drainTouched()) {
                live.add(c.bar().toBar(symbol, label, c.startMicros(), false));
            }
        }
        return live;
    }

    /** The earliest end of any open bar: when the watermark reaches it, something becomes final. */
    public OptionalLong earliestOpenBarEnd() {
        return tracks.stream()
                .map(t -> t.bars().earliestEnd())
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }
}
