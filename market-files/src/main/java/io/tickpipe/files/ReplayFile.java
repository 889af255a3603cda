package io.tickpipe.files;

import static io.tickpipe.files.Fields.nonNegative;
import static io.tickpipe.files.Fields.optional;
import static io.tickpipe.files.Fields.positive;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of trades or quotes (plain or .gz), read a line at a time. Which it holds is told by
 * its header: {@code price} means trades, {@code bid} quotes. Columns may come in any order.
 *
 * <p>The one parser of this format: the producer replays it, the batch analysis reads it.
 */
public final class ReplayFile implements AutoCloseable {
    public enum Kind {
        TRADES(List.of("event_time", "symbol", "price", "size")),
        QUOTES(List.of("event_time", "symbol", "bid", "ask", "bid_size", "ask_size"));

        private final List<String> required;

        Kind(List<String> required) {
            this.required = required;
        }
    }

    /** A parsed event with the line it came from; the sequence number is assigned when it is emitted. */
    public record Line(SpecificRecord event, Instant eventTime, String symbol, long number) {
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private final CsvLineReader reader;
    private final Kind kind;
    private final int columns;

    /** The file at {@code path}. */
    public static ReplayFile open(Path path) throws IOException {
        return new ReplayFile(path.toString(), Files.newInputStream(path));
    }

    /**
     * The file {@code name} read from {@code in}, which it closes. The name says where the file came
     * from (messages start with it) and whether it is gzip (it ends in .gz).
     *
     * @throws BadFileException when the file is empty or its header makes it neither a trades nor a
     *     quotes file
     */
    public ReplayFile(String name, InputStream in) throws IOException {
        this.reader = new CsvLineReader(name, in, FORMAT);
        this.kind = reader.hasColumn("price") ? Kind.TRADES : reader.hasColumn("bid") ? Kind.QUOTES : null;
        if (kind == null) {
            throw badHeader("the header names neither 'price' (trades) nor 'bid' (quotes): " + reader.headerNames());
        }
        for (String column : kind.required) {
            if (!reader.hasColumn(column)) {
                throw badHeader(kind.name().toLowerCase(Locale.ROOT) + " file lacks the column '" + column + "'");
            }
        }
        this.columns = reader.columns();
    }

    private BadFileException badHeader(String reason) throws IOException {
        reader.close();
        return BadFileException.ofFile(reader.name(), reader.headerLine(), reason, reader.headerText());
    }

    /** The name it was opened with. */
    public String name() {
        return reader.name();
    }

    public Kind kind() {
        return kind;
    }

    /** The physical line of the header (1 unless blank lines precede it). */
    public long headerLine() {
        return reader.headerLine();
    }

    /** The header's raw text, cut to {@link CsvLine#MAX_TEXT} characters. */
    public String headerText() {
        return reader.headerText();
    }

    /**
     * The next record of the file, good or bad ({@link #parse} tells), or null at its end.
     *
     * @throws BadFileException when the rest of the file cannot be read (broken quoting, corrupt gzip)
     */
    public CsvLine next() {
        return reader.next();
    }

    /** The event {@code line} holds. */
    public Line parse(CsvLine line) throws BadLineException {
        CSVRecord record = line.fields();
        Fields.fieldCount(record, columns);
        String symbol = Fields.symbol(record, "symbol");
        Instant time = instant(record.get("event_time"));
        String exchange = optional(record, "exchange", "");
        SpecificRecord event = switch (kind) {
            case TRADES -> Trade.newBuilder()
                    .setSymbol(symbol)
                    .setPrice(positive(record, "price"))
                    .setSize(positive(record, "size"))
                    .setEventTime(time)
                    .setTradeId(optional(record, "trade_id", ""))
                    .setExchange(exchange)
                    .setConditions(conditions(optional(record, "conditions", "")))
                    .setSequence(-1)
                    .setCurrency(optional(record, "currency", "USD"))
                    .build();
            case QUOTES -> {
                double bid = positive(record, "bid");
                double ask = positive(record, "ask");
                if (ask < bid) {
                    throw new BadLineException("ask " + ask + " is below bid " + bid);
                }
                yield Quote.newBuilder()
                        .setSymbol(symbol)
                        .setBid(bid)
                        .setAsk(ask)
                        .setBidSize(nonNegative(record, "bid_size"))
                        .setAskSize(nonNegative(record, "ask_size"))
                        .setEventTime(time)
                        .setExchange(exchange)
                        .setSequence(-1)
                        .build();
            }
        };
        return new Line(event, time, symbol, line.number());
    }

    private static Instant instant(String text) throws BadLineException {
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadLineException("event_time '" + text + "' is not an ISO-8601 time with offset (e.g. 2026-01-05T14:30:00.123456Z)");
        }
        if (!EventTimeRange.holds(time)) {
            throw new BadLineException("event_time '" + text + "' is outside the times an event holds ("
                    + EventTimeRange.describe() + ")");
        }
        return time;
    }

    private static List<String> conditions(String field) {
        return field.isEmpty() ? List.of() : Arrays.stream(field.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
