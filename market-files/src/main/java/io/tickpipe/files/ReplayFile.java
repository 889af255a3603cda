package io.tickpipe.files;

import io.tickpipe.market.Quote;
import io.tickpipe.market.Trade;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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

    private final String name;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Kind kind;
    private final int columns;

    /** The file at {@code path}. */
    public static ReplayFile open(Path path) throws IOException {
        return new ReplayFile(path.toString(), Files.newInputStream(path));
    }

    /**
     * The file {@code name} (where it came from: its messages start with it; a name ending in .gz
     * means gzip) read from {@code in}, which it closes.
     *
     * @throws IllegalArgumentException when the header does not make it a trades or quotes file
     */
    public ReplayFile(String name, InputStream stream) throws IOException {
        this.name = name;
        InputStream in = new BufferedInputStream(stream);
        if (name.endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        this.parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        Set<String> header = parser.getHeaderMap().keySet();
        this.kind = header.contains("price") ? Kind.TRADES : header.contains("bid") ? Kind.QUOTES : null;
        if (kind == null) {
            parser.close();
            throw new IllegalArgumentException(name + ": the header names neither 'price' (trades) nor 'bid' (quotes): " + header);
        }
        for (String column : kind.required) {
            if (!header.contains(column)) {
                parser.close();
                throw new IllegalArgumentException(name + ": " + kind.name().toLowerCase() + " file lacks the column '" + column + "'");
            }
        }
        this.columns = header.size();
        this.records = parser.iterator();
    }

    /** The name it was opened with. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The next record of the file, good or bad, or null at its end. */
    public CSVRecord nextRecord() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            // Broken quoting: the parser cannot find where the next record starts, so the file ends here.
            throw new IllegalArgumentException(name + ":" + (parser.getCurrentLineNumber() + 1) + ": unreadable CSV: "
                    + e.getMessage(), e);
        }
    }

    /** The physical line the record started on (the header is line 1). */
    public long lineOf(CSVRecord record) {
        return record.getRecordNumber() + 1;
    }

    public Line parse(CSVRecord record) throws BadLineException {
        if (record.size() != columns) {
            throw new BadLineException(record.size() + " fields where the header has " + columns);
        }
        String symbol = Symbols.normalise(record.get("symbol"));
        if (symbol == null) {
            throw new BadLineException("symbol '" + record.get("symbol") + "' is not a symbol (" + Symbols.RULE + ")");
        }
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
        return new Line(event, time, symbol, lineOf(record));
    }

    private static Instant instant(String text) throws BadLineException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadLineException("event_time '" + text + "' is not an ISO-8601 time with offset (e.g. 2026-01-05T14:30:00.123456Z)");
        }
    }

    private static double number(CSVRecord record, String column) throws BadLineException {
        String text = record.get(column);
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadLineException(column + " '" + text + "' is not a number");
    }

    private static double positive(CSVRecord record, String column) throws BadLineException {
        double value = number(record, column);
        if (value <= 0) {
            throw new BadLineException(column + " " + value + " is not positive");
        }
        return value;
    }

    private static double nonNegative(CSVRecord record, String column) throws BadLineException {
        double value = number(record, column);
        if (value < 0) {
            throw new BadLineException(column + " " + value + " is negative");
        }
        return value;
    }

    private static String optional(CSVRecord record, String column, String fallback) {
        return record.isMapped(column) && !record.get(column).isEmpty() ? record.get(column) : fallback;
    }

    private static List<String> conditions(String field) {
        return field.isEmpty() ? List.of() : Arrays.stream(field.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
