package io.tickpipe.batch.files;

import io.tickpipe.files.BadFileException;
import io.tickpipe.files.BadLineException;
import io.tickpipe.files.CsvLine;
import io.tickpipe.files.ReplayFile;
import io.tickpipe.market.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order in which {@code tickpipe produce --source replay} sends the trades of replay files, and
 * so their sequence numbers, computed the producer's way (producer-cli's CsvReplay: the files'
 * next good lines merged by event time, a tie to the earlier file; each symbol numbered from 0) in
 * plain Java over the shared parser, for comparison with the Spark reader's window.
 */
final class ProducerOrder {
    /** A trade as the producer would send it: its sequence number set, a missing trade id made up. */
    record Sent(Trade trade, long sequence) {
    }

    private record Head(ReplayFile file, ReplayFile.Line line, int order) {
    }

    private ProducerOrder() {
    }

    static List<Sent> of(List<Path> files) {
        PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing((Head h) -> h.line().eventTime()).thenComparingInt(Head::order));
        try {
            for (int i = 0; i < files.size(); i++) {
                advance(ReplayFile.open(files.get(i)), i, heads);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> sequences = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        for (Head head = heads.poll(); head != null; head = heads.poll()) {
            advance(head.file(), head.order(), heads);
            Trade trade = Trade.newBuilder((Trade) head.line().event()).build();
            long sequence = sequences.merge(trade.getSymbol(), 1L, Long::sum) - 1;
            trade.setSequence(sequence);
            if (trade.getTradeId().isEmpty()) {
                trade.setTradeId(trade.getSymbol() + "-" + sequence);
            }
            sent.add(new Sent(trade, sequence));
        }
        return sent;
    }

    private static void advance(ReplayFile file, int order, PriorityQueue<Head> heads) {
        try {
            for (CsvLine line = file.next(); line != null; line = file.next()) {
                try {
                    heads.add(new Head(file, file.parse(line), order));
                    return;
                } catch (BadLineException e) {
                    // skipped, as the producer skips it
                }
            }
        } catch (BadFileException e) {
            // the rest of the file is unreadable
        }
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
