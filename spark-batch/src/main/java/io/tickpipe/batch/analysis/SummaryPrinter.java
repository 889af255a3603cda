package io.tickpipe.batch.analysis;

import io.tickpipe.batch.report.RejectedInput;
import io.tickpipe.batch.report.SummaryRow;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The summary an analysis prints at its end, on standard output (a cluster logs at WARN, and a
 * line among Spark's INFO lines is lost): one row per symbol, then what was rejected.
 */
final class SummaryPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-10s %6s  %-16s  %-16s  %12s %12s %9s %9s %9s %12s %10s %9s%n";

    private SummaryPrinter() {
    }

    static void print(PrintStream out, String interval, List<SummaryRow> rows, RejectedInput rejected) {
        out.printf(Locale.ROOT, "summary of %d symbol%s at %s bars (times UTC; volatility annualised, see docs/data-model.md)%n",
                rows.size(), rows.size() == 1 ? "" : "s", interval);
        out.printf(Locale.ROOT, ROW, "symbol", "bars", "first", "last", "open", "close", "return", "ann. vol",
                "max dd", "vwap", "trades", "anomalies");
        for (SummaryRow r : rows) {
            out.printf(Locale.ROOT, ROW, r.symbol(), r.barCount(), TIME.format(r.firstTime()), TIME.format(r.lastTime()),
                    number(r.open()), number(r.close()), percent(r.totalReturn()), percent(r.annualizedVolatility()),
                    percent(r.maxDrawdown()), number(r.vwap()), r.tradeCount() == null ? "-" : r.tradeCount().toString(),
                    r.anomalies());
        }
        if (rejected.total() == 0) {
            out.println("rejected: none");
            return;
        }
        out.printf(Locale.ROOT, "rejected: %d%n", rejected.total());
        for (RejectedInput.Count c : rejected.counts()) {
            out.printf(Locale.ROOT, "  %8d  %s: %s%n", c.count(), c.source(), c.reason());
        }
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String percent(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }
}
