package io.tickpipe.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What each side of {@link BatchBench} reports, in its own JVM, on a line of its standard output:
 * how long its work took (from its SparkSession being ready to its outputs being written), and how
 * many trades its daily bars hold, counted after the timing from what it wrote: the benchmark only
 * counts a run that saw every trade.
 */
record SideTiming(double seconds, long trades) {
    private static final Pattern LINE = Pattern.compile(
            "^bench-batch side: ([0-9.]+) s from SparkSession ready to outputs written; (\\d+) trades in its 1d bars$");

    /** The line the side prints. */
    String line() {
        return String.format(Locale.ROOT, "bench-batch side: %.3f s from SparkSession ready to outputs written; %d trades in its 1d bars",
                seconds, trades);
    }

    /** The last such line in a side's output; {@code where} names the output in the error if there is none. */
    static SideTiming find(List<String> output, String where) {
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher m = LINE.matcher(output.get(i));
            if (m.matches()) {
                return new SideTiming(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        throw new IllegalStateException(where + " has no line \"bench-batch side: ...\" (did the run fail?)");
    }

    /**
     * The trades counted in the {@code 1d} rows of a bars table ({@code interval}, {@code trade_count}
     * columns, as both sides write them); 0 when it has none.
     */
    static long tradesInDailyBars(SparkSession spark, String barsPath) {
        Row total = spark.read().parquet(barsPath).where(col("interval").equalTo("1d")).agg(sum(col("trade_count"))).first();
        return total.isNullAt(0) ? 0 : ((Number) total.get(0)).longValue();
    }
}
