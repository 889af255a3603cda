package io.tickpipe.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What of a server's log goes into a startup-failure message. The last lines alone are not enough:
 * Kafka follows its one telling error with a page of orderly shutdown.
 */
final class LogExcerpt {

    /** Kafka and Apicurio write "ERROR"/"FATAL", influxd "lvl=error". */
    private static final Pattern ERROR_LINE = Pattern.compile("\\b(ERROR|FATAL)\\b|lvl=error");
    private static final int MAX_ERRORS = 5;
    private static final int TAIL_LINES = 30;

    private LogExcerpt() {
    }

    static String of(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
        String nl = System.lineSeparator();
        List<String> errors = firstErrors(lines);
        String tail = String.join(nl, lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return (errors.isEmpty() ? "" : "first errors in " + log + ":" + nl + String.join(nl, errors) + nl)
                + "last lines of " + log + ":" + nl + tail;
    }

    /** Each error line with the line after it, which is where a logged exception's message is. */
    private static List<String> firstErrors(List<String> lines) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size() && errors.size() < 2 * MAX_ERRORS; i++) {
            if (ERROR_LINE.matcher(lines.get(i)).find()) {
                errors.add(lines.get(i));
                if (i + 1 < lines.size()) {
                    errors.add(lines.get(++i));
                }
            }
        }
        return errors;
    }
}
