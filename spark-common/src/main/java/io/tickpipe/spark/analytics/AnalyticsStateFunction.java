package io.tickpipe.spark.analytics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;

/**
 * The per-symbol step of {@link MarketAnalytics#analyze}: feeds a group's trades into its
 * {@link SymbolState} and turns what becomes final (and, when streaming, what is live) into rows.
 *
 * <p>Input rows are {@code symbol, price, size, event_time, sequence, event_micros}, as
 * {@link MarketAnalytics} selects them.
 */
final class AnalyticsStateFunction
        implements FlatMapGroupsWithStateFunction<String, Row, SymbolState, Row> {
    private static final long serialVersionUID = 1L;
    private static final int PRICE = 1;
    private static final int SIZE = 2;
    private static final int SEQUENCE = 4;
    private static final int EVENT_MICROS = 5;
    private static final long MICROS_PER_MILLI = 1_000;

    private final AnalyticsConfig config;
    private final boolean streaming;

    AnalyticsStateFunction(AnalyticsConfig config, boolean streaming) {
        this.config = config;
        this.streaming = streaming;
    }

    @Override
    public Iterator<Row> call(String symbol, Iterator<Row> trades, GroupState<SymbolState> state) {
        SymbolState symbolState = state.exists() ? state.get() : new SymbolState(symbol, config);
        while (trades.hasNext()) {
            add(symbolState, trades.next());
        }
        if (!streaming) {
            // Batch: Spark calls once per symbol with all its trades, so every bar is complete.
            return EventRows.toRows(symbolState.closeAll()).iterator();
        }
        List<AnalyticsEvent> events = new ArrayList<>(
                symbolState.closeThrough(state.getCurrentWatermarkMs() * MICROS_PER_MILLI));
        events.addAll(symbolState.drainLiveBars());
        SymbolState.LateTrades late = symbolState.drainLateTrades();
        state.update(symbolState);
        OptionalLong nextEnd = symbolState.earliestOpenBarEnd();
        if (nextEnd.isPresent()) {
            // Spark times a group out once the watermark is past the timestamp; a bar is final once the
            // watermark reaches its end, hence one millisecond before it (bar ends are whole seconds).
            // closeThrough left only bars ending after the watermark, so this is never in the past.
            state.setTimeoutTimestamp(nextEnd.getAsLong() / MICROS_PER_MILLI - 1);
        }
        List<Row> rows = new ArrayList<>(EventRows.toRows(events));
        if (late.count() > 0) {
            rows.add(EventRows.late(symbol, state.getCurrentWatermarkMs() * MICROS_PER_MILLI, late));
        }
        return rows.iterator();
    }

    private static void add(SymbolState symbolState, Row trade) {
        if (trade.isNullAt(PRICE) || trade.isNullAt(SIZE) || trade.isNullAt(EVENT_MICROS)) {
            return;
        }
        // The sequence only breaks ties between trades at the same microsecond.
        long sequence = trade.isNullAt(SEQUENCE) ? 0 : trade.getLong(SEQUENCE);
        symbolState.add(trade.getDouble(PRICE), trade.getDouble(SIZE), trade.getLong(EVENT_MICROS), sequence);
    }
}
