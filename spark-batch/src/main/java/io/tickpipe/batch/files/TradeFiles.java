package io.tickpipe.batch.files;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Trades from the producer's replay CSV files ({@code analyze --source csv}), read with the producer's
 * own parser ({@link io.tickpipe.files.ReplayFile}) on any Hadoop file system.
 *
 * <p>Each file is read whole by one task of its own, a line at a time (a gzip stream cannot be split;
 * no line goes through the driver). What becomes of the inputs:
 * <ul>
 *   <li>A good trade line: a row of {@link Result#trades}.</li>
 *   <li>A bad line: a row of {@link Result#rejects} with the parser's reason (see {@link Rejects}).</li>
 *   <li>A file the parser refuses as a whole (empty, a header of neither trades nor quotes, such as a
 *       bar file): one reject at its header line. Broken quoting or corrupt gzip data: the lines
 *       before stand, one reject at the line where reading stopped. The other files are read on.</li>
 *   <li>A quotes file (its header has {@code bid}): one reject at its header line saying so; the
 *       analysis computes nothing from quotes.</li>
 *   <li>A time outside the years 1 to 9999 (a Spark timestamp's range): a reject.</li>
 * </ul>
 * Duplicate trades are kept: a trade file is what it is.
 *
 * <h2>Sequence numbers</h2>
 * The producer numbers each symbol's trades 0, 1, 2, ... in the order it sends them: the files
 * merged by event time, a tie going to the earlier file, each file read in its line order. Here a
 * symbol's trades are numbered in the order of (event time, order of the file among the inputs,
 * line), which is the producer's order whenever each file is in time order, as replay files are
 * (a file out of time order is sent by the producer in its line order, numbered here in time order).
 * The order of the files is that of the paths as given, a directory's files in its place by path (a
 * file named twice counts once, in its first place); the producer given the same files in the same
 * order ({@code --replay-file}) numbers the same. A trade without a trade id gets
 * {@code SYMBOL-sequence}, as the producer gives it.
 */
public final class TradeFiles {
    private TradeFiles() {
    }

    /**
     * The trades and rejects of the files {@code paths} name, on any Hadoop file system (a path
     * without a scheme is on the default one, {@code fs.defaultFS}). A file is read whatever its name; a
     * directory stands for the files under it, at any depth, whose names end in .csv or .csv.gz (any
     * case), hidden ones ({@code .x}, {@code _x}) left out. Files are listed on the driver, then
     * nothing is read until a Dataset is.
     *
     * @throws IllegalArgumentException naming a path that does not exist
     */
    public static Result read(SparkSession spark, List<String> paths) {
        SparkContext context = spark.sparkContext();
        List<InputFile> files = InputFiles.list(context.hadoopConfiguration(), paths);
        JavaSparkContext java = JavaSparkContext.fromSparkContext(context);
        JavaRDD<Row> lines = files.isEmpty() ? java.<Row>emptyRDD()
                : java.parallelize(files, files.size())
                        .flatMap(new TradeFileRows(java.broadcast(HadoopSettings.of(context.hadoopConfiguration()))));
        return new Result(spark.createDataFrame(lines, ParsedLines.schema(TradeFileRows.FIELDS)),
                files.stream().map(InputFile::name).toList());
    }

    /** What the files hold. */
    public static final class Result {
        private final Dataset<Row> lines;
        private final Dataset<Row> trades;
        private final Dataset<Row> rejects;
        private final List<String> files;

        Result(Dataset<Row> lines, List<String> files) {
            this.lines = lines;
            this.trades = numbered(lines.where(col(Rejects.REASON).isNull()));
            this.rejects = lines.where(col(Rejects.REASON).isNotNull()).select(Rejects.columns());
            this.files = files;
        }

        /**
         * The trades, with the columns of the trades topic's records: {@code symbol} string,
         * {@code price} and {@code size} double, {@code event_time} timestamp, {@code trade_id},
         * {@code exchange} string, {@code conditions} array of string, {@code sequence} long,
         * {@code currency} string. Event times are cut to the microsecond, as the topic's.
         */
        public Dataset<Row> trades() {
            return trades;
        }

        /** The rejected lines and files, columns as {@link Rejects#SCHEMA}. */
        public Dataset<Row> rejects() {
            return rejects;
        }

        /** The files read, by name, in input order; empty when the paths held none. */
        public List<String> files() {
            return files;
        }

        /**
         * Keeps the parsed lines (memory, then disk) so that trades and rejects, and each action on
         * them, read the files once rather than once each; {@link #unpersist} when done.
         */
        public Result persist() {
            lines.persist(StorageLevel.MEMORY_AND_DISK());
            return this;
        }

        public void unpersist() {
            lines.unpersist();
        }
    }

    /** Row numbers of int would stop at 2^31 trades of a symbol: a running count is a long. */
    private static Dataset<Row> numbered(Dataset<Row> good) {
        Column sequence = count(lit(1)).over(Window.partitionBy("symbol")
                .orderBy("event_micros", "event_nanos", ParsedLines.FILE_ORDER, "line")
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow())).minus(1);
        return good.withColumn("sequence", sequence).select(
                col("symbol"), col("price"), col("size"), timestamp_micros(col("event_micros")).as("event_time"),
                when(col("trade_id").equalTo(""), concat(col("symbol"), lit("-"), col("sequence")))
                        .otherwise(col("trade_id")).as("trade_id"),
                col("exchange"), col("conditions"), col("sequence"), col("currency"));
    }
}
