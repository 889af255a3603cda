package io.tickpipe.files;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a symbol may look like, wherever symbols come from (command line, files, feeds). */
public final class Symbols {
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._:/^-]{1,32}");
    public static final String RULE = "1-32 of letters, digits and . _ : / ^ -";

    private Symbols() {
    }

    /** The normalised (upper-case) symbol, or null when {@code text} is not one. */
    public static String normalise(String text) {
        String trimmed = text.trim();
        return SYMBOL.matcher(trimmed).matches() ? trimmed.toUpperCase(Locale.ROOT) : null;
    }

    /**
     * Each of {@code raw} normalised, in order, blanks skipped and repeats dropped.
     *
     * @throws IllegalArgumentException naming the first text that is not a symbol
     */
    public static List<String> normaliseAll(List<String> raw) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String symbol : raw) {
            if (symbol.isBlank()) {
                continue;
            }
            String normalised = normalise(symbol);
            if (normalised == null) {
                throw new IllegalArgumentException("'" + symbol.trim() + "' is not a symbol (" + RULE + ")");
            }
            unique.add(normalised);
        }
        return List.copyOf(unique);
    }
}
