package io.tickpipe.producer.source;

import io.tickpipe.files.BadLineException;
import io.tickpipe.files.CsvLine;
import io.tickpipe.files.ReplayFile;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Replays trades and quotes from CSV files, merged by event time, at the recorded pace times
 * {@code speed} (0: as fast as possible). A bad line is reported with its file and line number and
 * counted; in strict mode it stops the replay instead. Nothing is skipped silently.
 */
public final class CsvReplay implements EventSource {
    /** Thrown in strict mode at the first bad line. */
    public static final class BadLineStop extends IllegalStateException {
        BadLineStop(String message) {
            super(message);
        }
    }

    private record Head(ReplayFile file, ReplayFile.Line line, int order) {
    }

    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparing((Head h) -> h.line().eventTime()).thenComparingInt(Head::order));
    private final List<ReplayFile> files = new ArrayList<>();
    private final Set<String> symbols;
    private final boolean strict;
    private final PrintWriter err;
    private final Map<String, Long> sequences = new HashMap<>();
    private long badLines;
    private String strictStop;
    private final RecordedPace pace;
    private long firstWallNanos;
    private boolean started;

    /**
     * @param symbols only these symbols are replayed; empty for all
     */
    public CsvReplay(List<Path> paths, double speed, Set<String> symbols, boolean strict, PrintWriter err) throws IOException {
        this.pace = new RecordedPace(speed);
        this.symbols = symbols;
        this.strict = strict;
        this.err = err;
        try {
            for (int i = 0; i < paths.size(); i++) {
                ReplayFile file = ReplayFile.open(paths.get(i));
                files.add(file);
                advance(file, i);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public long badLines() {
        return badLines;
    }

    @Override
    public String summary() {
        if (strictStop != null) {
            return "replay: stopped at a bad line (--strict)";
        }
        return "replay: " + badLines + " bad line" + (badLines == 1 ? "" : "s") + " skipped" + (badLines > 0 ? " (each reported above)" : "");
    }

    @Override
    public SpecificRecord next() throws InterruptedException {
        if (strictStop != null) {
            throw new BadLineStop(strictStop);
        }
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        advance(head.file(), head.order());
        awaitRecordedPace(head.line().eventTime());
        return numbered(head.line());
    }

    /** Reads the file up to its next good line of a wanted symbol and queues it. */
    private void advance(ReplayFile file, int order) {
        for (CsvLine record = file.next(); record != null; record = file.next()) {
            try {
                ReplayFile.Line line = file.parse(record);
                if (symbols.isEmpty() || symbols.contains(line.symbol())) {
                    heads.add(new Head(file, line, order));
                    return;
                }
            } catch (BadLineException e) {
                String message = file.name() + ":" + record.number() + ": " + e.getMessage();
                badLines++;
                if (strict) {
                    // The line before it may be the event being emitted now: stop at the next call.
                    strictStop = message + " (--strict stops at the first bad line)";
                    return;
                }
                err.println("bad line skipped: " + message);
                err.flush();
            }
        }
    }

    private SpecificRecord numbered(ReplayFile.Line line) {
        SpecificRecord event = line.event();
        String stream = event.getSchema().getName() + ":" + line.symbol();
        long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
        event.put(event.getSchema().getField("sequence").pos(), sequence);
        if (event instanceof Trade trade && trade.getTradeId().isEmpty()) {
            trade.setTradeId(line.symbol() + "-" + sequence);
        }
        return event;
    }

    private void awaitRecordedPace(Instant eventTime) throws InterruptedException {
        long offset = pace.dueOffsetNanos(eventTime);
        if (!started) {
            started = true;
            firstWallNanos = System.nanoTime();
        }
        Pause.until(firstWallNanos + offset);
    }

    @Override
    public void close() {
        for (ReplayFile file : files) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
