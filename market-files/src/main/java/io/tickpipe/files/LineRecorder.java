package io.tickpipe.files;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * The reader under commons-csv's parser. It passes the characters through (less a leading byte order
 * mark) and remembers the non-empty physical lines the parser has not consumed yet, with their
 * numbers and the start of their text, so that a record can be traced back to the line it starts on:
 * the parser counts lines but keeps neither a record's first line number nor its raw text.
 *
 * <p>Lines end as commons-csv ends them: CR LF, LF or a lone CR. Empty lines (which the parser skips)
 * count but are not kept.
 */
final class LineRecorder extends Reader {
    /** A non-empty physical line: its number (1 is the first), its text cut to {@link CsvLine#MAX_TEXT}. */
    record Recorded(long number, String text, long endPosition) {
    }

    /**
     * Kept lines further behind the newest character than this cannot be ahead of the parser, whose
     * read-ahead buffer is far smaller: they are inside the record being parsed and can go, except its
     * first. This bounds the memory a record of millions of lines (an unclosed quote) takes.
     */
    private static final long BEHIND_PARSER = 1 << 20;

    private final Reader in;
    private final ArrayDeque<Recorded> pending = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private long length;
    private long number = 1;
    private long position;
    private boolean afterCarriageReturn;
    private boolean started;
    private boolean ended;

    LineRecorder(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int read = in.read(buffer, offset, count);
        if (read == -1) {
            if (!ended) {
                ended = true;
                if (length > 0) {
                    endLine();
                }
            }
            return -1;
        }
        if (!started && read > 0) {
            started = true;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, read - 1);
                read--;
                if (read == 0) {
                    return read(buffer, offset, count);
                }
            }
        }
        for (int i = offset; i < offset + read; i++) {
            char c = buffer[i];
            position++;
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
            } else if (c == '\n' || c == '\r') {
                endLine();
                afterCarriageReturn = c == '\r';
            } else {
                afterCarriageReturn = false;
                if (text.length() < CsvLine.MAX_TEXT) {
                    text.append(c);
                }
                length++;
            }
        }
        return read;
    }

    private void endLine() {
        if (length > 0) {
            pending.addLast(new Recorded(number, text.toString(), position));
            dropLinesInsideTheCurrentRecord();
        }
        number++;
        text.setLength(0);
        length = 0;
    }

    private void dropLinesInsideTheCurrentRecord() {
        if (pending.size() > 2 && secondEndPosition() < position - BEHIND_PARSER) {
            Recorded first = pending.pollFirst();
            while (pending.size() > 1 && pending.peekFirst().endPosition() < position - BEHIND_PARSER) {
                pending.pollFirst();
            }
            pending.addFirst(first);
        }
    }

    private long secondEndPosition() {
        var lines = pending.iterator();
        lines.next();
        return lines.next().endPosition();
    }

    /**
     * The first non-empty line after line {@code after}, where the next record starts: a line read to
     * its end, else the line being read (a last line without a line break, or one the stream failed
     * in), else null. Lines up to {@code after} are forgotten.
     */
    Recorded firstAfter(long after) {
        forgetThrough(after);
        if (pending.isEmpty() && length > 0 && number > after) {
            return new Recorded(number, text.toString(), position);
        }
        return pending.peekFirst();
    }

    /** Forgets the lines up to and including line {@code last}: a record ended there. */
    void forgetThrough(long last) {
        while (!pending.isEmpty() && pending.peekFirst().number() <= last) {
            pending.pollFirst();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
