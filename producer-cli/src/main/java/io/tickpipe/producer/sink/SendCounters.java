package io.tickpipe.producer.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Sent, acknowledged and failed sends per topic, updated from the producer's callback thread. */
public final class SendCounters {
    /** One topic's counts. */
    public static final class Topic {
        final LongAdder sent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        public long sent() {
            return sent.sum();
        }

        public long acknowledged() {
            return acknowledged.sum();
        }

        public long failed() {
            return failed.sum();
        }

        public String firstFailure() {
            return firstFailure.get();
        }
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    public Topic topic(String name) {
        return topics.computeIfAbsent(name, n -> new Topic());
    }

    /** A snapshot-ish view, sorted by topic name. */
    public Map<String, Topic> byTopic() {
        return new java.util.TreeMap<>(topics);
    }

    public long sent() {
        return topics.values().stream().mapToLong(Topic::sent).sum();
    }

    public long acknowledged() {
        return topics.values().stream().mapToLong(Topic::acknowledged).sum();
    }

    public long failed() {
        return topics.values().stream().mapToLong(Topic::failed).sum();
    }
}
