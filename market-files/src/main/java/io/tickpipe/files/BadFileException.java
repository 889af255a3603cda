package io.tickpipe.files;

/**
 * A file that cannot be read further: its header does not fit its format, or its content is broken
 * (a quote never closed, a gzip stream cut short). The lines read before it stand.
 */
public final class BadFileException extends IllegalArgumentException {
    private final String source;
    private final long line;
    private final String reason;
    private final String text;

    private BadFileException(String message, String source, long line, String reason, String text, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.reason = reason;
        this.text = text;
    }

    /** The file as a whole is unusable (its header, its being empty): the message names the file. */
    static BadFileException ofFile(String source, long line, String reason, String text) {
        return new BadFileException(source + ": " + reason, source, line, reason, text, null);
    }

    /** Reading stopped at {@code line}: the message names the file and the line. */
    static BadFileException atLine(String source, long line, String reason, String text, Throwable cause) {
        return new BadFileException(source + ":" + line + ": " + reason, source, line, reason, text, cause);
    }

    /** The file's name as it was opened. */
    public String source() {
        return source;
    }

    /** The physical line the problem is on (the header's for a file-level problem; 1 for an empty file). */
    public long line() {
        return line;
    }

    /** What is wrong, without the file's name. */
    public String reason() {
        return reason;
    }

    /** The raw text of that line, cut to {@link CsvLine#MAX_TEXT} characters; empty if there is none. */
    public String text() {
        return text;
    }
}
