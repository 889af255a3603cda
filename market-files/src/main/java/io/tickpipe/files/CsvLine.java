package io.tickpipe.files;

import org.apache.commons.csv.CSVRecord;

/**
 * One record of a CSV file with where it came from: the physical line it starts on (the header is
 * line 1 unless blank lines precede it; blank lines count) and the raw text of that line, cut to
 * {@link #MAX_TEXT} characters, for a message that shows the user what was read.
 */
public record CsvLine(CSVRecord fields, long number, String text) {
    /** The longest raw text kept of a line. */
    public static final int MAX_TEXT = 500;
}
