package io.tickpipe.batch.report;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the HTML report shows, in plain Java: what was analysed, per symbol its chart and
 * summary, the correlation matrix and the rejected input. {@link HtmlReport} renders it; the page
 * embeds it as JSON ({@link ReportJson}).
 *
 * @param run what was analysed
 * @param symbols one entry per symbol, in the order the report shows them
 * @param correlation the correlation matrix of the symbols' log returns
 * @param rejects input lines and records that could not be used
 */
public record ReportModel(RunInfo run, List<SymbolReport> symbols, CorrelationMatrix correlation,
                          RejectedInput rejects) {
    public ReportModel {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(rejects, "rejects");
        symbols = List.copyOf(symbols);
        Set<String> seen = new HashSet<>();
        for (SymbolReport symbol : symbols) {
            if (!seen.add(symbol.symbol())) {
                throw new IllegalArgumentException("symbol " + symbol.symbol() + " appears twice in the report");
            }
        }
    }
}
