package io.tickpipe.files;

import org.apache.commons.csv.CSVRecord;

/** A record's fields as the values a format wants, each bad one a {@link BadLineException} naming its column. */
final class Fields {
    private Fields() {
    }

    /** A finite number. */
    static double number(CSVRecord record, String column) throws BadLineException {
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

    static double positive(CSVRecord record, String column) throws BadLineException {
        double value = number(record, column);
        if (value <= 0) {
            throw new BadLineException(column + " " + value + " is not positive");
        }
        return value;
    }

    static double nonNegative(CSVRecord record, String column) throws BadLineException {
        double value = number(record, column);
        if (value < 0) {
            throw new BadLineException(column + " " + value + " is negative");
        }
        return value;
    }

    /** The field, or {@code fallback} when the column is absent or the field empty. */
    static String optional(CSVRecord record, String column, String fallback) {
        return record.isMapped(column) && !record.get(column).isEmpty() ? record.get(column) : fallback;
    }

    /** The record's symbol field, normalised. */
    static String symbol(CSVRecord record, String column) throws BadLineException {
        String symbol = Symbols.normalise(record.get(column));
        if (symbol == null) {
            throw new BadLineException(column + " '" + record.get(column) + "' is not a symbol (" + Symbols.RULE + ")");
        }
        return symbol;
    }

    static void fieldCount(CSVRecord record, int columns) throws BadLineException {
        if (record.size() != columns) {
            throw new BadLineException(record.size() + " fields where the header has " + columns);
        }
    }
}
