package io.tickpipe.batch.files;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.tickpipe.files.Symbols;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Bars from vendors' OHLCV files ({@code analyze --source bars}), parsed by {@link
 * io.tickpipe.files.BarFile} (the format: its header, columns, time forms and symbol rule), on any
 * Hadoop file system, each file read whole by one task.
 *
 * <p>A bad line, or a file refused as a whole (no header, a header without what bars need, a trades
 * or quotes file, no symbol), is a reject as {@link TradeFiles} makes them; the other files are read
 * on. Two bars of a symbol with the same start are one too many: the first in input order (the order
 * of the files, as {@link TradeFiles#read} orders them, then the line) is kept, each other one is a
 * reject naming the file and line of the one kept.
 */
public final class BarFiles {
    private BarFiles() {
    }

    /**
     * The bars and rejects of the files {@code paths} name, found as {@link TradeFiles#read} finds
     * them. Files are listed on the driver, then nothing is read until a Dataset is.
     *
     * @param symbolOverride the symbol of the bars of files without a symbol column, or null to take it
     *     from each file's name (a file's symbol column always wins)
     * @param sessionZone the zone of the files' dates (a date is its midnight there) and local times
     * @throws IllegalArgumentException naming a path that does not exist, or when {@code symbolOverride}
     *     is not a symbol
     */
    public static Result read(SparkSession spark, List<String> paths, String symbolOverride, ZoneId sessionZone) {
        if (symbolOverride != null && Symbols.normalise(symbolOverride) == null) {
            throw new IllegalArgumentException("'" + symbolOverride.trim() + "' is not a symbol (" + Symbols.RULE + ")");
        }
        SparkContext context = spark.sparkContext();
        List<InputFile> files = InputFiles.list(context.hadoopConfiguration(), paths);
        JavaSparkContext java = JavaSparkContext.fromSparkContext(context);
        JavaRDD<Row> lines = files.isEmpty() ? java.<Row>emptyRDD()
                : java.parallelize(files, files.size()).flatMap(new BarFileRows(
                        java.broadcast(HadoopSettings.of(context.hadoopConfiguration())), symbolOverride, sessionZone));
        return new Result(spark.createDataFrame(lines, ParsedLines.schema(BarFileRows.FIELDS)),
                files.stream().map(InputFile::name).toList(), sessionZone);
    }

    /** What the files hold. */
    public static final class Result {
        private final Dataset<Row> lines;
        private final Dataset<Row> bars;
        private final Dataset<Row> rejects;
        private final Dataset<Row> spacing;
        private final List<String> files;

        Result(Dataset<Row> lines, List<String> files, ZoneId sessionZone) {
            this.lines = lines;
            WindowSpec sameBar = Window.partitionBy("symbol", "start_micros").orderBy(ParsedLines.FILE_ORDER, "line");
            Dataset<Row> ranked = lines.where(col(Rejects.REASON).isNull())
                    .withColumn("rank", row_number().over(sameBar))
                    .withColumn("kept_source", first(col("source")).over(sameBar))
                    .withColumn("kept_line", first(col("line")).over(sameBar));
            this.bars = ranked.where(col("rank").equalTo(1)).select(col("symbol"),
                    timestamp_micros(col("start_micros")).as("time"), col("open"), col("high"), col("low"),
                    col("close"), col("volume"));
            Dataset<Row> duplicates = ranked.where(col("rank").gt(1)).select(col("source"), col("line"),
                    concat(lit("duplicate bar: the same symbol and start as line "), col("kept_line"),
                            lit(" of "), col("kept_source"), lit(", which is kept")).as(Rejects.REASON),
                    col("text"));
            this.rejects = lines.where(col(Rejects.REASON).isNotNull()).select(Rejects.columns())
                    .unionByName(duplicates);
            this.spacing = BarFiles.spacing(bars, sessionZone);
            this.files = files;
        }

        /**
         * The bars: {@code symbol} string, {@code time} timestamp (the bar's start), {@code open},
         * {@code high}, {@code low}, {@code close}, {@code volume} double.
         */
        public Dataset<Row> bars() {
            return bars;
        }

        /** The rejected lines and files, columns as {@link Rejects#SCHEMA}. */
        public Dataset<Row> rejects() {
            return rejects;
        }

        /**
         * Per symbol, how far apart its bars are: {@code symbol}, {@code spacing_seconds} (double,
         * fractional for sub-second bars; null for a symbol of one bar). An output interval finer than
         * this cannot be made of these bars.
         *
         * <p>The spacing is the smallest positive gap between consecutive bars, measured both in
         * elapsed time and on the session zone's clock, whichever is larger: daily bars at the
         * session's midnight are 23 hours apart in elapsed time across the change to summer time, and
         * daily bars at UTC midnight 23 hours apart on the session's clock; either way the spacing is
         * a day. Intraday bars give the same gap both ways (a clock change only makes one gap longer,
         * or not positive).
         */
        public Dataset<Row> spacing() {
            return spacing;
        }

        /** The files read, by name, in input order; empty when the paths held none. */
        public List<String> files() {
            return files;
        }

        /**
         * Keeps the parsed lines (memory, then disk) so that bars, rejects and spacing, and each action
         * on them, read the files once rather than once each; {@link #unpersist} when done.
         */
        public Result persist() {
            lines.persist(StorageLevel.MEMORY_AND_DISK());
            return this;
        }

        public void unpersist() {
            lines.unpersist();
        }
    }

    private static Dataset<Row> spacing(Dataset<Row> bars, ZoneId sessionZone) {
        WindowSpec inTime = Window.partitionBy("symbol").orderBy("time");
        Column elapsed = unix_micros(col("time"));
        Column onTheClock = unix_micros(from_utc_timestamp(col("time"), sessionZone.getId()));
        return bars
                .withColumn("elapsed_gap", elapsed.minus(lag(elapsed, 1).over(inTime)))
                .withColumn("clock_gap", onTheClock.minus(lag(onTheClock, 1).over(inTime)))
                .groupBy("symbol")
                .agg(greatest(min(when(col("elapsed_gap").gt(0), col("elapsed_gap"))),
                        min(when(col("clock_gap").gt(0), col("clock_gap")))).divide(1e6).as("spacing_seconds"));
    }
}
