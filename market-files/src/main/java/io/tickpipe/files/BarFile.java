package io.tickpipe.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * One file of OHLCV bars as data vendors export them (plain or .gz), read a line at a time.
 *
 * <p>The header names the columns, in any order and any case; columns it does not know (such as
 * {@code adj close}) are ignored, as are columns without a name (a spreadsheet's index column).
 * <ul>
 *   <li>When a bar starts: a {@code time}, {@code timestamp} or {@code datetime} column (the first
 *       there is), or a {@code date} column (yyyy-MM-dd: the date's midnight in the session zone);
 *       {@link BarStart} lists the forms a time may take.</li>
 *   <li>{@code open}, {@code high}, {@code low}, {@code close}, {@code volume}.</li>
 *   <li>The symbol: a {@code symbol} (or {@code ticker}) column; without one, the symbol the caller
 *       gives; without that, the file's name ({@link #symbolOfFileName}).</li>
 * </ul>
 * A line is a bar when it has as many fields as the header, a start, finite numbers, {@code low > 0},
 * {@code volume >= 0}, {@code high >= max(open, close)} and {@code low <= min(open, close)}; otherwise
 * {@link #parse} says which field is wrong and why.
 */
public final class BarFile implements AutoCloseable {
    /** A bar: its symbol, when it starts, and its prices and volume. */
    public record Bar(String symbol, Instant start, double open, double high, double low, double close,
                      double volume) {
    }

    /** The columns that may say when a bar starts (besides {@code date}), looked for in this order. */
    public static final List<String> TIME_COLUMNS = List.of("time", "timestamp", "datetime");
    /** The columns that may hold the symbol, looked for in this order. */
    public static final List<String> SYMBOL_COLUMNS = List.of("symbol", "ticker");
    /** How {@link #symbolOfFileName} reads a name. */
    public static final String FILE_NAME_RULE = "the name less .gz and then .csv or .txt, up to its first '_'";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setIgnoreHeaderCase(true).setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();

    private final CsvLineReader reader;
    private final BarStart start;
    private final String symbolColumn;
    private final String symbol;
    private final String open;
    private final String high;
    private final String low;
    private final String close;
    private final String volume;
    private final int columns;

    /** The file at {@code path}; see {@link #BarFile(String, InputStream, String, ZoneId)}. */
    public static BarFile open(Path path, String symbol, ZoneId sessionZone) throws IOException {
        return new BarFile(path.toString(), Files.newInputStream(path), symbol, sessionZone);
    }

    /**
     * The file {@code name} read from {@code in}, which it closes. The name says where the file came
     * from (messages start with it), whether it is gzip (it ends in .gz) and, as a last resort, the
     * symbol.
     *
     * @param symbol the symbol of its bars when the file has no symbol column, or null
     * @param sessionZone the zone of local times and dates
     * @throws IllegalArgumentException when {@code symbol} is not a symbol
     * @throws BadFileException when the file is empty, its header lacks a column bars need, or nothing
     *     gives the symbol
     */
    public BarFile(String name, InputStream in, String symbol, ZoneId sessionZone) throws IOException {
        String given = null;
        if (symbol != null) {
            given = Symbols.normalise(symbol);
            if (given == null) {
                in.close();
                throw new IllegalArgumentException("'" + symbol.trim() + "' is not a symbol (" + Symbols.RULE + ")");
            }
        }
        this.reader = new CsvLineReader(name, in, FORMAT);
        try {
            refuseOtherKinds();
            String time = TIME_COLUMNS.stream().map(this::column).filter(c -> c != null).findFirst().orElse(null);
            String date = column("date");
            if (time == null && date == null) {
                throw badHeader("bars file has no column saying when a bar starts ('date', 'time', 'timestamp' or "
                        + "'datetime')");
            }
            this.start = new BarStart(time, date, sessionZone);
            this.open = required("open");
            this.high = required("high");
            this.low = required("low");
            this.close = required("close");
            this.volume = required("volume");
            this.symbolColumn = SYMBOL_COLUMNS.stream().map(this::column).filter(c -> c != null).findFirst().orElse(null);
            this.symbol = symbolColumn != null ? null : given != null ? given : symbolOfFileName(name);
            if (symbolColumn == null && this.symbol == null) {
                throw badHeader("no symbol: the file has no 'symbol' column, none was given, and its name does not "
                        + "start with one (" + FILE_NAME_RULE + "; a symbol is " + Symbols.RULE + ")");
            }
            this.columns = reader.columns();
        } catch (BadFileException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The symbol a file's name gives, upper-cased, or null: the last part of the path, less a .gz and
     * then a .csv or .txt ending, up to its first underscore. {@code AAPL.csv}, {@code aapl_1d.csv.gz}
     * and {@code s3a://bucket/bars/AAPL_2024.csv} give AAPL; {@code BRK.B.csv} gives BRK.B.
     */
    public static String symbolOfFileName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = withoutEnding(base, ".gz");
        String plain = withoutEnding(base, ".csv");
        base = plain.length() < base.length() ? plain : withoutEnding(base, ".txt");
        int underscore = base.indexOf('_');
        if (underscore >= 0) {
            base = base.substring(0, underscore);
        }
        return base.isEmpty() ? null : Symbols.normalise(base);
    }

    private static String withoutEnding(String name, String ending) {
        return name.toLowerCase(Locale.ROOT).endsWith(ending) ? name.substring(0, name.length() - ending.length()) : name;
    }

    /** A trades or quotes file among bar files: say what it is rather than which bar column it lacks. */
    private void refuseOtherKinds() {
        if (column("open") == null && column("price") != null) {
            throw badHeader("a trades file (its header has 'price'), not bars");
        }
        if (column("open") == null && column("bid") != null) {
            throw badHeader("a quotes file (its header has 'bid'), not bars");
        }
    }

    /** The header's own spelling of {@code column}, or null when it has none. */
    private String column(String column) {
        for (String name : reader.headerNames()) {
            if (name != null && name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        return null;
    }

    private String required(String column) {
        String name = column(column);
        if (name == null) {
            throw badHeader("bars file lacks the column '" + column + "'");
        }
        return name;
    }

    private BadFileException badHeader(String reason) {
        return BadFileException.ofFile(reader.name(), reader.headerLine(), reason, reader.headerText());
    }

    /** The name it was opened with. */
    public String name() {
        return reader.name();
    }

    /** The one symbol of all its bars, or null when each line's symbol column says it. */
    public String symbol() {
        return symbol;
    }

    /**
     * The next record of the file, good or bad ({@link #parse} tells), or null at its end.
     *
     * @throws BadFileException when the rest of the file cannot be read (broken quoting, corrupt gzip)
     */
    public CsvLine next() {
        return reader.next();
    }

    /** The bar {@code line} holds. */
    public Bar parse(CsvLine line) throws BadLineException {
        CSVRecord record = line.fields();
        Fields.fieldCount(record, columns);
        Instant time = start.of(record);
        String barSymbol = symbol != null ? symbol : Fields.symbol(record, symbolColumn);
        double o = Fields.number(record, open);
        double h = Fields.number(record, high);
        double l = Fields.number(record, low);
        double c = Fields.number(record, close);
        double v = Fields.number(record, volume);
        if (l <= 0) {
            throw new BadLineException(low + " " + l + " is not positive");
        }
        if (v < 0) {
            throw new BadLineException(volume + " " + v + " is negative");
        }
        below(h, high, o, open);
        below(h, high, c, close);
        above(l, low, o, open);
        above(l, low, c, close);
        return new Bar(barSymbol, time, o, h, l, c, v);
    }

    private static void below(double high, String highColumn, double price, String column) throws BadLineException {
        if (high < price) {
            throw new BadLineException(highColumn + " " + high + " is below the " + column + " " + price);
        }
    }

    private static void above(double low, String lowColumn, double price, String column) throws BadLineException {
        if (low > price) {
            throw new BadLineException(lowColumn + " " + low + " is above the " + column + " " + price);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
