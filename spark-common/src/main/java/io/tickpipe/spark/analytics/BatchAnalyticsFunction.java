package io.tickpipe.spark.analytics;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The per-symbol step of {@link MarketAnalytics} over a batch: a partition's rows come sorted by
 * symbol and time, so each symbol's {@link SymbolState} is fed in time order, and a bar is final as
 * soon as the input's time has passed its end. Memory holds only the bars still open, whatever the
 * length of history, and the events leave as they are made, not at the end of the partition.
 *
 * <p>Rows: {@code symbol, event_micros}, then per {@link Input} the trade's {@code sequence, price,
 * size} or the bar's {@code open, high, low, close, volume}.
 */
final class BatchAnalyticsFunction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int SYMBOL = 0;
    private static final int MICROS = 1;

    /** What a row holds. */
    enum Input { TRADES, BARS }

    private final AnalyticsConfig config;
    private final Input input;

    BatchAnalyticsFunction(AnalyticsConfig config, Input input) {
        this.config = config;
        this.input = input;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Events(rows);
    }

    private final class Events implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private SymbolState state;
        private String symbol;

        Events(Iterator<Row> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && (rows.hasNext() || state != null)) {
                if (rows.hasNext()) {
                    feed(rows.next());
                } else {
                    closeSymbol();
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void feed(Row row) {
            if (row.isNullAt(SYMBOL) || row.isNullAt(MICROS)) {
                return;
            }
            String rowSymbol = row.getString(SYMBOL);
            if (!rowSymbol.equals(symbol)) {
                closeSymbol();
                symbol = rowSymbol;
                state = new SymbolState(symbol, config);
            }
            long micros = row.getLong(MICROS);
            if (!config.inSessionHours(micros)) {
                return;
            }
            // In time order nothing earlier can come: every bar that ended by now is final.
            OptionalLong end = state.earliestOpenBarEnd();
            if (end.isPresent() && end.getAsLong() <= micros) {
                ready.addAll(EventRows.toRows(state.closeThrough(micros)));
            }
            if (input == Input.TRADES) {
                AnalyticsStateFunction.addTrade(state, row, 2, 3, 4, MICROS);
            } else if (!row.anyNull()) {
                state.addBar(micros, row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5), row.getDouble(6));
            }
        }

        private void closeSymbol() {
            if (state != null) {
                ready.addAll(EventRows.toRows(state.closeAll()));
                state = null;
            }
        }
    }
}
