package io.tickpipe.spark.measurements;

import io.tickpipe.influx.LineBatch;
import io.tickpipe.spark.influx.InfluxSink;
import io.tickpipe.spark.influx.LineMapper;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The raw points, {@value MarketPoints#TRADES} and {@value MarketPoints#QUOTES}, as line protocol
 * straight from Spark's internal rows ({@link InfluxSink#writeLines}) of the ingest query or of a
 * backfill: one line per decoded Trade or Quote, with no external Row and no Point, because they
 * are the bulk of what the pipeline writes. The text is the one a Point of the same values gives, byte for byte (the tags and
 * fields are added in a Point's order, sorted by key), so that a point written either way is the
 * same point.
 *
 * <p>Event times are microseconds, so a point's nanosecond time has three spare digits: they hold
 * the sequence number modulo 1000, which keeps points of one symbol within the same microsecond apart
 * (up to 1000 of them) and the time still deterministic: writing a row again overwrites its point.
 */
public final class RawPointLines implements LineMapper {
    private static final long serialVersionUID = 1L;

    private static final LineBatch.Name TRADES = LineBatch.measurementName(MarketPoints.TRADES);
    private static final LineBatch.Name QUOTES = LineBatch.measurementName(MarketPoints.QUOTES);
    private static final LineBatch.Name SYMBOL = LineBatch.key("symbol");
    private static final LineBatch.Name PRICE = LineBatch.key("price");
    private static final LineBatch.Name SIZE = LineBatch.key("size");
    private static final LineBatch.Name SEQUENCE = LineBatch.key("sequence");
    private static final LineBatch.Name TRADE_ID = LineBatch.key("trade_id");
    private static final LineBatch.Name EXCHANGE = LineBatch.key("exchange");
    private static final LineBatch.Name CURRENCY = LineBatch.key("currency");
    private static final LineBatch.Name BID = LineBatch.key("bid");
    private static final LineBatch.Name ASK = LineBatch.key("ask");
    private static final LineBatch.Name BID_SIZE = LineBatch.key("bid_size");
    private static final LineBatch.Name ASK_SIZE = LineBatch.key("ask_size");
    private static final LineBatch.Name SPREAD = LineBatch.key("spread");

    /** Which rows: the ingest query's pairs, or a decoded Trade's or Quote's columns alone. */
    private enum Rows { TRADE_OR_QUOTE, TRADES, QUOTES }

    private final Rows rows;
    /** Positions in the Trade columns, in the order of {@link #TRADE_COLUMNS}. */
    private final int[] trade;
    private final int tradeWidth;
    /** Positions in the Quote columns, in the order of {@link #QUOTE_COLUMNS}. */
    private final int[] quote;
    private final int quoteWidth;

    private static final Column[] TRADE_COLUMNS = {
        new Column("symbol", DataTypes.StringType), new Column("price", DataTypes.DoubleType),
        new Column("size", DataTypes.DoubleType), new Column("sequence", DataTypes.LongType),
        new Column("trade_id", DataTypes.StringType), new Column("exchange", DataTypes.StringType),
        new Column("currency", DataTypes.StringType), new Column("event_time", DataTypes.TimestampType)};
    private static final Column[] QUOTE_COLUMNS = {
        new Column("symbol", DataTypes.StringType), new Column("bid", DataTypes.DoubleType),
        new Column("ask", DataTypes.DoubleType), new Column("bid_size", DataTypes.DoubleType),
        new Column("ask_size", DataTypes.DoubleType), new Column("sequence", DataTypes.LongType),
        new Column("exchange", DataTypes.StringType), new Column("event_time", DataTypes.TimestampType)};

    private record Column(String name, DataType type) {
    }

    private RawPointLines(Rows rows, StructType tradeStruct, StructType quoteStruct) {
        this.rows = rows;
        this.trade = tradeStruct == null ? null : positions(tradeStruct, TRADE_COLUMNS, "trade");
        this.tradeWidth = tradeStruct == null ? 0 : tradeStruct.size();
        this.quote = quoteStruct == null ? null : positions(quoteStruct, QUOTE_COLUMNS, "quote");
        this.quoteWidth = quoteStruct == null ? 0 : quoteStruct.size();
    }

    /**
     * The mapper of the ingest query's rows, {@code trade, quote} with one of them set (as decoded
     * by {@code ConfluentAvroDecode}): the line of whichever is set. The one mapper of raw points, so
     * that what is measured of it ({@code make bench-raw-points}) is what the job runs.
     *
     * @throws IllegalArgumentException the schema is not two structs with the Trade's and the Quote's
     *     columns, named and typed as the decode gives them
     */
    public static RawPointLines tradeOrQuote(StructType ingestRows) {
        if (ingestRows.size() != 2 || !(ingestRows.fields()[0].dataType() instanceof StructType tradeStruct)
                || !(ingestRows.fields()[1].dataType() instanceof StructType quoteStruct)) {
            throw new IllegalArgumentException("raw points need rows of two structs, a decoded trade and a decoded "
                    + "quote; got " + ingestRows.simpleString());
        }
        return new RawPointLines(Rows.TRADE_OR_QUOTE, tradeStruct, quoteStruct);
    }

    /** The mapper of rows that are a decoded Trade's columns (the backfill's): a trade's line each. */
    public static RawPointLines trades(StructType tradeColumns) {
        return new RawPointLines(Rows.TRADES, tradeColumns, null);
    }

    /** The mapper of rows that are a decoded Quote's columns (the backfill's): a quote's line each. */
    public static RawPointLines quotes(StructType quoteColumns) {
        return new RawPointLines(Rows.QUOTES, null, quoteColumns);
    }

    @Override
    public void appendLines(InternalRow row, LineBatch lines) {
        switch (rows) {
            case TRADES -> trade(row, lines);
            case QUOTES -> quote(row, lines);
            case TRADE_OR_QUOTE -> {
                if (row.isNullAt(0)) {
                    quote(row.getStruct(1, quoteWidth), lines);
                } else {
                    trade(row.getStruct(0, tradeWidth), lines);
                }
            }
        }
    }

    private void trade(InternalRow row, LineBatch lines) {
        long sequence = number(row, trade[3], "trade", "sequence");
        lines.measurement(TRADES);
        tag(lines, SYMBOL, row, trade[0]);
        text(lines, CURRENCY, row, trade[6]);
        text(lines, EXCHANGE, row, trade[5]);
        lines.field(PRICE, real(row, trade[1], "trade", "price"))
                .field(SEQUENCE, sequence)
                .field(SIZE, real(row, trade[2], "trade", "size"));
        text(lines, TRADE_ID, row, trade[4]);
        lines.end(distinctNanos(number(row, trade[7], "trade", "event_time"), sequence));
    }

    private void quote(InternalRow row, LineBatch lines) {
        if (row == null) {
            throw new IllegalArgumentException("an ingest row with neither trade nor quote");
        }
        double bid = real(row, quote[1], "quote", "bid");
        double ask = real(row, quote[2], "quote", "ask");
        long sequence = number(row, quote[5], "quote", "sequence");
        lines.measurement(QUOTES);
        tag(lines, SYMBOL, row, quote[0]);
        lines.field(ASK, ask)
                .field(ASK_SIZE, real(row, quote[4], "quote", "ask_size"))
                .field(BID, bid)
                .field(BID_SIZE, real(row, quote[3], "quote", "bid_size"));
        text(lines, EXCHANGE, row, quote[6]);
        lines.field(SEQUENCE, sequence)
                .field(SPREAD, ask - bid)
                .end(distinctNanos(number(row, quote[7], "quote", "event_time"), sequence));
    }

    /** The event time's nanoseconds plus the sequence number modulo 1000. */
    static long distinctNanos(long eventMicros, long sequence) {
        long nanos = Math.addExact(Math.multiplyExact(Math.floorDiv(eventMicros, 1_000_000L), 1_000_000_000L),
                Math.floorMod(eventMicros, 1_000_000L) * 1_000L);
        return nanos + Math.floorMod(sequence, 1000L);
    }

    /** A string column as a tag, read in place where Spark holds it in a byte array (an UnsafeRow's buffer). */
    private static void tag(LineBatch lines, LineBatch.Name key, InternalRow row, int position) {
        UTF8String text = row.getUTF8String(position);
        if (text == null) {
            return;
        }
        if (text.getBaseObject() instanceof byte[] array) {
            lines.tag(key, array, (int) (text.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), text.numBytes());
        } else {
            lines.tag(key, text.getBytes());
        }
    }

    /** A string column as a string field, read in place as in {@link #tag}. */
    private static void text(LineBatch lines, LineBatch.Name key, InternalRow row, int position) {
        UTF8String text = row.getUTF8String(position);
        if (text == null) {
            return;
        }
        if (text.getBaseObject() instanceof byte[] array) {
            lines.field(key, array, (int) (text.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET), text.numBytes());
        } else {
            lines.field(key, text.getBytes());
        }
    }

    private static double real(InternalRow row, int position, String record, String column) {
        if (row.isNullAt(position)) {
            throw missing(record, column);
        }
        return row.getDouble(position);
    }

    private static long number(InternalRow row, int position, String record, String column) {
        if (row.isNullAt(position)) {
            throw missing(record, column);
        }
        return row.getLong(position);
    }

    private static IllegalArgumentException missing(String record, String column) {
        return new IllegalArgumentException("a decoded " + record + " without " + column + " (null): its point cannot be written");
    }

    private static int[] positions(StructType struct, Column[] columns, String record) {
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Column column = columns[i];
            StructField field = Arrays.stream(struct.fields()).filter(f -> f.name().equals(column.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the decoded " + record + " has no column '"
                            + column.name() + "': " + struct.simpleString()));
            if (!field.dataType().equals(column.type())) {
                throw new IllegalArgumentException("the decoded " + record + "'s column '" + column.name() + "' is "
                        + field.dataType().simpleString() + ", not " + column.type().simpleString());
            }
            positions[i] = struct.fieldIndex(column.name());
        }
        return positions;
    }
}
