package io.tickpipe.batch.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the run could not use: lines of trade and bar files that did not parse, Kafka or archive
 * records that could not be decoded. Counted per source and reason.
 *
 * @param counts one entry per (source, reason)
 */
public record RejectedInput(List<Count> counts) {

    /**
     * @param source the file, or the topic ({@code "kafka market.trades"}), the rejects came from
     * @param reason why they were rejected, e.g. {@code "price is not a number"}
     * @param count how many
     */
    public record Count(String source, String reason, long count) {
        public Count {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
            if (count <= 0) {
                throw new IllegalArgumentException("reject count of " + source + " / " + reason + " is " + count
                        + "; a count is at least 1");
            }
        }
    }

    public RejectedInput {
        counts = List.copyOf(counts);
        Set<String> seen = new HashSet<>();
        for (Count c : counts) {
            if (!seen.add(c.source() + '\u0000' + c.reason())) {
                throw new IllegalArgumentException("rejects of " + c.source() + " for '" + c.reason()
                        + "' are counted twice");
            }
        }
    }

    /** Nothing rejected. */
    public static RejectedInput none() {
        return new RejectedInput(List.of());
    }

    /** All rejects. */
    public long total() {
        return counts.stream().mapToLong(Count::count).sum();
    }

    /** Counts by reason over all sources, the most frequent reason first (ties by reason). */
    public Map<String, Long> byReason() {
        Map<String, Long> sums = new TreeMap<>();
        counts.forEach(c -> sums.merge(c.reason(), c.count(), Long::sum));
        Map<String, Long> ordered = new LinkedHashMap<>();
        sums.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
