package io.tickpipe.spark.analytics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;

/**
 * The per-symbol step of {@link MarketAnalytics#analyze} on a stream: feeds a group's trades into its
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

    AnalyticsStateFunction(AnalyticsConfig config) {
        this.config = config;
    }

    @Override
    public Iterator<Row> call(String symbol, Iterator<Row> trades, GroupState<SymbolState> state) {
        SymbolState symbolState = state.exists() ? state.get() : new SymbolState(symbol, config);
        symbolState.useModel(config.anomalyModel());
        while (trades.hasNext()) {
            add(symbolState, trades.next());
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

    private void add(SymbolState symbolState, Row trade) {
        if (!trade.isNullAt(EVENT_MICROS) && config.inSessionHours(trade.getLong(EVENT_MICROS))) {
            addTrade(symbolState, trade, SEQUENCE, PRICE, SIZE, EVENT_MICROS);
        }
    }

    /** Adds the trade of {@code row}, its fields at the given positions, unless one of them is missing. */
    static void addTrade(SymbolState symbolState, Row row, int sequenceAt, int priceAt, int sizeAt, int microsAt) {
        if (row.isNullAt(priceAt) || row.isNullAt(sizeAt) || row.isNullAt(microsAt)) {
            return;
        }
        // The sequence only breaks ties between trades at the same microsecond.
        long sequence = row.isNullAt(sequenceAt) ? 0 : row.getLong(sequenceAt);
        symbolState.add(row.getDouble(priceAt), row.getDouble(sizeAt), row.getLong(microsAt), sequence);
    }
}
