package io.tickpipe.files;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header line, UTF-8, plain or gzip (told by a name ending in .gz), read record by
 * record, each with the physical line it starts on and its raw text. A byte order mark is skipped.
 *
 * <p>What ends a file early is a {@link BadFileException} naming the file and line: an unusable
 * header, an empty file, broken quoting, corrupt gzip data. A failure of the stream itself (a file
 * system error) stays an I/O error, an {@link UncheckedIOException} naming the file and line: it says
 * nothing about the file's content.
 */
final class CsvLineReader implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final LineRecorder lines;
    private final CSVParser parser;
    private final Map<String, Integer> header;
    private final Iterator<CSVRecord> records;
    private final long headerLine;
    private final String headerText;
    private long consumedThrough;

    /**
     * Reads the header of {@code stream} (which it closes) with {@code format}, which must take the
     * header from the first record.
     *
     * @param name where the stream comes from, for messages; a name ending in .gz means gzip
     * @throws BadFileException when there is no header or it is unusable
     */
    CsvLineReader(String name, InputStream stream, CSVFormat format) throws IOException {
        this.name = name;
        InputStream in = new BufferedInputStream(stream, BUFFER);
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
                in = gzip(in);
            }
            this.lines = new LineRecorder(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        CSVParser parsed;
        try {
            parsed = format.parse(lines);
        } catch (IllegalArgumentException | CSVException | ZipException | EOFException e) {
            lines.close();
            LineRecorder.Recorded first = lines.firstAfter(0);
            String what = e instanceof IllegalArgumentException ? "unusable header: " : e instanceof CSVException
                    ? "unreadable CSV: " : "unreadable gzip data: ";
            throw BadFileException.ofFile(name, first != null ? first.number() : 1, what + describe(e),
                    first != null ? first.text() : "");
        } catch (IOException e) {
            lines.close();
            throw new IOException(name + ": " + describe(e), e);
        }
        this.parser = parsed;
        LineRecorder.Recorded first = lines.firstAfter(0);
        if (first == null) {
            parser.close();
            throw BadFileException.ofFile(name, 1, "the file is empty (no header line)", "");
        }
        this.headerLine = first.number();
        this.headerText = first.text();
        this.header = parser.getHeaderMap();
        this.consumedThrough = parser.getCurrentLineNumber();
        lines.forgetThrough(consumedThrough);
        this.records = parser.iterator();
    }

    private InputStream gzip(InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (ZipException | EOFException e) {
            throw BadFileException.ofFile(name, 1, "not gzip data, though the name ends in .gz: " + describe(e), "");
        }
    }

    String name() {
        return name;
    }

    /** The header's names in file order. */
    List<String> headerNames() {
        return parser.getHeaderNames();
    }

    /** Whether the header has {@code column} (ignoring case if the format does). */
    boolean hasColumn(String column) {
        return header.containsKey(column);
    }

    long headerLine() {
        return headerLine;
    }

    String headerText() {
        return headerText;
    }

    /** The number of fields the header has: every record must have as many. */
    int columns() {
        return parser.getHeaderNames().size();
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws BadFileException when the file cannot be read from here on
     * @throws UncheckedIOException when the stream fails
     */
    CsvLine next() {
        CSVRecord record;
        try {
            record = records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw failure(e.getCause());
        } catch (IllegalStateException e) {
            throw failure(e);
        }
        if (record == null) {
            return null;
        }
        long end = parser.getCurrentLineNumber();
        LineRecorder.Recorded start = lines.firstAfter(consumedThrough);
        lines.forgetThrough(end);
        consumedThrough = end;
        return start != null && start.number() <= end
                ? new CsvLine(record, start.number(), start.text())
                : new CsvLine(record, end, "");
    }

    private RuntimeException failure(Throwable cause) {
        LineRecorder.Recorded start = lines.firstAfter(consumedThrough);
        long line = start != null ? start.number() : parser.getCurrentLineNumber() + 1;
        String text = start != null ? start.text() : "";
        if (cause instanceof ZipException || cause instanceof EOFException) {
            return BadFileException.atLine(name, line, "unreadable gzip data (the rest of the file is lost): "
                    + describe(cause), text, cause);
        }
        if (cause instanceof IOException io && !(cause instanceof CSVException)) {
            return new UncheckedIOException(name + ":" + line + ": " + describe(io), io);
        }
        return BadFileException.atLine(name, line, "unreadable CSV (the rest of the file is lost): " + describe(cause),
                text, cause);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
