package io.tickpipe.bench;

import io.tickpipe.market.Trade;
import io.tickpipe.wire.kafka.KafkaAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code make bench-stream-freshness}: the producer at 5,000 trades/s over 50 symbols into a stack of
 * the benchmark's own, the streaming job (as {@code make stream} runs it) reading it; for every trade,
 * the time from its event time to the moment its 1s bar in InfluxDB first counts it. Prints count,
 * p50/p90/p99/max and whether p50 <= 0.5 s and p99 <= 1 s, p50 and p99 per minute of the whole run
 * and the job's JIT compile time ({@link JitTime}); then, once the job stopped, how Spark
 * planned its micro-batches, from Spark's event log of the job ({@link SparkPlanSection}).
 *
 * <p>How a trade's moment is known: the benchmark reads the trades topic itself (so it knows each
 * trade's event time, bar and place in its bar, in offset order; one symbol lives in one partition,
 * so that is the order the job counts them in) and polls InfluxDB every {@code bench.pollMs} (100 ms)
 * for the {@code trade_count} of recent 1s bars. The k-th trade of a bar is queryable when the bar's
 * trade_count is first seen >= k. Freshness = the wall time at which that poll's answer arrived minus
 * the trade's event time. Same machine, same clock; InfluxDB's {@code now()} is not used (the time
 * range is computed here). A poll's answer time overstates by up to one poll interval plus the query's
 * own time, never understates, and the figures say so. Trades whose bar never reaches their count
 * (dropped as late, lost) are reported, not left out silently.
 *
 * <p>Properties: {@code bench.tradesPerSecond} (5000), {@code bench.symbols} (50),
 * {@code bench.warmupSeconds} (420, discarded), {@code bench.measureSeconds} (120), {@code bench.pollMs}
 * (100), {@code bench.jobArgs} (extra job options, e.g. {@code --trigger '500 milliseconds'}).
 */
public final class StreamFreshnessBench {
    private static final double TARGET_P99_SECONDS = 1.0;
    private static final double TARGET_P50_SECONDS = 0.5;
    private static final String PREFIX = "market";

    /** The trades of one (symbol, 1s bar) in offset order, and the first answer that counted each. */
    private static final class Bar {
        final String symbol;
        final long startMicros;
        long[] eventMicros = new long[128];
        long[] sendMillis = new long[128];
        volatile int consumed;
        /** (count, wall micros) each time the bar's trade_count was seen higher than before; poller thread only. */
        final List<long[]> seen = new ArrayList<>();
        int seenCount;

        Bar(String symbol, long startMicros) {
            this.symbol = symbol;
            this.startMicros = startMicros;
        }

        void add(long micros, long sendMs) {
            if (consumed == eventMicros.length) {
                eventMicros = Arrays.copyOf(eventMicros, consumed * 2);
                sendMillis = Arrays.copyOf(sendMillis, consumed * 2);
            }
            eventMicros[consumed] = micros;
            sendMillis[consumed] = sendMs;
            consumed++;
        }
    }

    private final Map<String, Bar> bars = new ConcurrentHashMap<>();
    /** Per symbol, the newest bar start consumed: that symbol's older bars get no more trades. */
    private final Map<String, Long> newestBar = new ConcurrentHashMap<>();
    private final AtomicLong consumedRecords = new AtomicLong();
    private final AtomicReference<Throwable> threadFailure = new AtomicReference<>();
    private final List<Long> queryMicros = new ArrayList<>();
    private volatile boolean stopConsumer;
    private String cpu;
    private String jit;
    private volatile boolean stopPoller;

    private StreamFreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = 1;
        try {
            new StreamFreshnessBench().run();
            exit = 0;
        } finally {
            // Kafka's and the HTTP client's threads must not keep the JVM (and the shutdown hook) waiting.
            System.exit(exit);
        }
    }

    private void run() throws Exception {
        double tradesPerSecond = Double.parseDouble(System.getProperty("bench.tradesPerSecond", "5000"));
        int symbols = Integer.getInteger("bench.symbols", 50);
        // Freshness is a property of a job that runs for hours: the first minutes of a new JVM, in which its
        // JIT compiler takes cores of its own, are discarded; the per-minute figures of runs show the job
        // settled after about six (docs/performance.md, Freshness).
        int warmup = Integer.getInteger("bench.warmupSeconds", 420);
        int measure = Integer.getInteger("bench.measureSeconds", 120);
        long pollMs = Long.getLong("bench.pollMs", 100);
        List<String> jobArgs = jobArgs();
        double eventsPerSecond = tradesPerSecond / StreamRig.TRADE_SHARE;

        try (StreamRig rig = StreamRig.start("bench-stream-freshness")) {
            rig.createTopicsAndSchemas(PREFIX);
            StreamRig.Job job = rig.startJob(PREFIX, jobArgs);
            job.awaitStarted(Duration.ofMinutes(3));
            String trades = PREFIX + ".trades";

            Thread consumer = daemon("freshness-consumer", () -> consume(rig, trades));
            consumer.start();
            System.out.printf(Locale.ROOT, "producer: --rate %.0f events/s (trades are 40%% of the simulation's events: "
                    + "%.0f trades/s) over %d symbols for %d s warm-up + %d s measured%n", eventsPerSecond, tradesPerSecond,
                    symbols, warmup, measure);
            StreamRig.Producer producer = rig.startProducer(PREFIX, symbols, eventsPerSecond, Duration.ofSeconds(warmup + measure));
            Thread poller = daemon("freshness-poller", () -> poll(rig, pollMs));
            poller.start();

            // Lag of the job while it runs, from Kafka's end offsets and the job's checkpoint.
            List<Long> analyticsLag = new ArrayList<>();
            StreamRig.Cpu cpuFrom = null;
            // The last snapshot taken while the producer still ran: once a process has exited /proc has
            // no ticks of it, and a snapshot after would count its CPU time as other processes'.
            StreamRig.Cpu cpuTo = null;
            JitTime jitFrom = null;
            while (producer.process.isAlive()) {
                job.checkAlive();
                checkThreads();
                long elapsed = Duration.between(producer.started, Instant.now()).toSeconds();
                if (elapsed >= warmup - 30 && jitFrom == null) {
                    // Before the window: jstat is a JVM of its own, whose start must not land in the measured time.
                    jitFrom = JitTime.of(job.process.pid());
                }
                if (elapsed >= warmup + 5) {
                    if (cpuFrom == null) {
                        cpuFrom = StreamRig.Cpu.now();
                    } else {
                        cpuTo = StreamRig.Cpu.now();
                    }
                    job.lag("analytics", List.of(trades)).ifPresent(analyticsLag::add);
                }
                producer.process.waitFor(1, TimeUnit.SECONDS);
            }
            cpu = cpuTo == null ? "CPU use unknown" : StreamRig.Cpu.between(cpuFrom, cpuTo);
            jit = JitTime.between(jitFrom, JitTime.of(job.process.pid()));
            double producerRate = producer.awaitSummary(Duration.ofSeconds(10));
            Instant producerEnd = Instant.now();
            long total = rig.endOffsetSum(List.of(trades));

            // Every trade consumed, then every measured trade seen in InfluxDB, or 60 s at most.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumedRecords.get() < total && System.nanoTime() < deadline) {
                checkThreads();
                Thread.sleep(100);
            }
            if (consumedRecords.get() < total) {
                throw new IllegalStateException("the benchmark read only " + consumedRecords.get() + " of " + total + " trades");
            }
            stopConsumer = true;
            consumer.join(10_000);
            long firstEvent = bars.values().stream().filter(b -> b.consumed > 0).mapToLong(b -> b.eventMicros[0]).min().orElseThrow();
            long windowStart = firstEvent + warmup * 1_000_000L;
            long windowEnd = windowStart + measure * 1_000_000L;
            while (unseen(windowStart, windowEnd) > 0 && System.nanoTime() < deadline) {
                job.checkAlive();
                checkThreads();
                Thread.sleep(200);
            }
            stopPoller = true;
            poller.join(5_000);
            Instant measureFrom = Instant.EPOCH.plus(windowStart, ChronoUnit.MICROS);
            Instant measureTo = Instant.EPOCH.plus(windowEnd, ChronoUnit.MICROS);
            report(rig, tradesPerSecond, symbols, warmup, measure, pollMs, jobArgs, producerRate, total,
                    windowStart, windowEnd, analyticsLag, measureFrom, measureTo, producerEnd);
            rig.printSparkPlan(List.of(job));
        }
    }

    static List<String> jobArgs() {
        String raw = System.getProperty("bench.jobArgs", "").trim();
        if (raw.isEmpty()) {
            return List.of();
        }
        // Split on spaces outside single quotes: --trigger '500 milliseconds'.
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : raw.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (current.length() > 0) {
                    args.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            args.add(current.toString());
        }
        return args;
    }

    private Thread daemon(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                threadFailure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void checkThreads() {
        Throwable failure = threadFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a measuring thread failed", failure);
        }
    }

    /** Reads every trade from the beginning, in offset order per partition (one symbol stays in one partition). */
    private void consume(StreamRig rig, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                "schema.registry.url", rig.registry(), "specific.avro.reader", true);
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(config, false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopConsumer) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                    Trade trade = (Trade) record.value();
                    Instant event = trade.getEventTime();
                    long micros = event.getEpochSecond() * 1_000_000L + event.getNano() / 1_000;
                    long start = Math.floorDiv(micros, 1_000_000L) * 1_000_000L;
                    String symbol = trade.getSymbol().toString();
                    bars.computeIfAbsent(symbol + "@" + start, k -> new Bar(symbol, start)).add(micros, record.timestamp());
                    newestBar.merge(symbol, start, Math::max);
                    consumedRecords.incrementAndGet();
                }
            }
        }
    }

    /**
     * Every {@code pollMs}: the trade_count of every 1s bar from the oldest one not yet fully seen
     * (or 5 s back), per symbol; a count higher than seen before is recorded with the answer's time.
     */
    private void poll(StreamRig rig, long pollMs) throws InterruptedException {
        long next = System.nanoTime();
        Map<String, Integer> seenByKey = new HashMap<>();
        while (!stopPoller) {
            long nowMicros = nowMicros();
            // Bounded: a bar not counted within 30 s is reported as never seen anyway.
            long from = Math.max(nowMicros - 30_000_000L, Math.min(nowMicros - 5_000_000L, oldestIncomplete(nowMicros)));
            String q = "SELECT trade_count FROM bars WHERE \"interval\"='1s' AND time >= " + from * 1_000
                    + " GROUP BY symbol";
            long asked = nowMicros();
            List<Map<String, Object>> rows = rig.influx().rows(q);
            long answered = nowMicros();
            synchronized (queryMicros) {
                queryMicros.add(answered - asked);
            }
            for (Map<String, Object> row : rows) {
                String symbol = (String) row.get("symbol");
                long start = ((Number) row.get("time")).longValue() / 1_000;
                int count = ((Number) row.get("trade_count")).intValue();
                String key = symbol + "@" + start;
                if (count > seenByKey.getOrDefault(key, 0)) {
                    seenByKey.put(key, count);
                    // The consumer may not have read this bar yet: create it, its trades fill in later.
                    Bar bar = bars.computeIfAbsent(key, k -> new Bar(symbol, start));
                    synchronized (bar.seen) {
                        bar.seen.add(new long[] {count, answered});
                        bar.seenCount = count;
                    }
                }
            }
            next += TimeUnit.MILLISECONDS.toNanos(pollMs);
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                next = System.nanoTime(); // a slow answer: poll again at once, no burst of catch-up polls
            }
        }
    }

    /** Start of the oldest bar that may still get trades or whose trades are not all seen yet. */
    private long oldestIncomplete(long nowMicros) {
        long oldest = nowMicros;
        for (Bar bar : bars.values()) {
            boolean symbolMovedOn = newestBar.getOrDefault(bar.symbol, Long.MIN_VALUE) > bar.startMicros;
            int seen;
            synchronized (bar.seen) {
                seen = bar.seenCount;
            }
            if (!symbolMovedOn || seen < bar.consumed) {
                oldest = Math.min(oldest, bar.startMicros);
            }
        }
        return oldest;
    }

    private long unseen(long windowStart, long windowEnd) {
        long unseen = 0;
        for (Bar bar : bars.values()) {
            int seen;
            synchronized (bar.seen) {
                seen = bar.seenCount;
            }
            for (int k = seen; k < bar.consumed; k++) {
                if (bar.eventMicros[k] >= windowStart && bar.eventMicros[k] < windowEnd) {
                    unseen++;
                }
            }
        }
        return unseen;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private void report(StreamRig rig, double tradesPerSecond, int symbols, int warmup, int measure, long pollMs,
                        List<String> jobArgs, double producerRate, long totalTrades, long windowStart, long windowEnd,
                        List<Long> analyticsLag, Instant measureFrom, Instant measureTo, Instant producerEnd) {
        Window window = window(windowStart, windowEnd);
        long[] e = window.fromEvent;
        long[] s = window.fromSend;
        long[] o = window.producerOffset;
        long measured = e.length;
        long neverSeen = window.neverSeen;
        long inWindow = window.trades;
        long barsInWindow = window.bars;
        double[] queries;
        synchronized (queryMicros) {
            queries = queryMicros.stream().mapToDouble(v -> v / 1000.0).sorted().toArray();
        }

        List<Map<String, Object>> analytics = rig.pipeline("analytics", measureFrom, measureTo);
        List<Map<String, Object>> ingest = rig.pipeline("ingest", measureFrom, measureTo);

        System.out.println();
        System.out.printf(Locale.ROOT, "== StreamFreshnessBench: %.0f trades/s over %d symbols, %d s warm-up discarded, "
                + "%d s measured; job %s ==%n", tradesPerSecond, symbols, warmup, measure,
                jobArgs.isEmpty() ? "with default options" : String.join(" ", jobArgs));
        System.out.printf(Locale.ROOT, "producer: %.0f events/s achieved (its summary), %d trades in the topic, "
                + "%.0f trades/s over the run%n", producerRate, totalTrades, totalTrades / (double) (warmup + measure));
        System.out.printf(Locale.ROOT, "measured: %d trades with event time in the measured %d s (%d bars of 1s), "
                + "%d seen in InfluxDB, %d never seen%n", inWindow, measure, barsInWindow, measured, neverSeen);
        System.out.printf(Locale.ROOT, "freshness, event time -> 1s bar counts the trade in InfluxDB:  %s%n", stats(e));
        System.out.printf(Locale.ROOT, "  of which producer: event time -> Kafka send (CreateTime):   %s%n", stats(o));
        System.out.printf(Locale.ROOT, "  pipeline only:      Kafka send -> queryable in InfluxDB:    %s%n", stats(s));
        System.out.println(byMinute(windowStart - warmup * 1_000_000L, windowEnd));
        System.out.printf(Locale.ROOT, "polling: every %d ms; an answer takes p50 %.1f ms, p99 %.1f ms (%d polls). A trade's time "
                + "is the arrival of the first answer that counts it, so each figure overstates by up to %d ms + one "
                + "query, never understates%n", pollMs, StreamRig.percentile(queries, 50), StreamRig.percentile(queries, 99),
                queries.length, pollMs);
        System.out.printf(Locale.ROOT, "job (pipeline measurement, measured window): analytics batch_duration_ms %s; "
                + "ingest batch_duration_ms %s; analytics input rows/s %s; event_time_lag_ms p50 %s; late_rows_dropped %s%n",
                fieldStats(analytics, "batch_duration_ms"), fieldStats(ingest, "batch_duration_ms"),
                fieldMedian(analytics, "input_rows_per_second"), fieldMedian(analytics, "event_time_lag_ms"),
                fieldSum(analytics, "late_rows_dropped"));
        System.out.println("where an analytics batch's time went (p50/p90 ms): " + phases(analytics));
        System.out.println("where an ingest batch's time went (p50/p90 ms):    " + phases(ingest));
        System.out.printf(Locale.ROOT, "job lag (end offsets - last committed batch of analytics, sampled each second): "
                + "median %.0f trades, max %d%n", StreamRig.median(analyticsLag),
                analyticsLag.stream().mapToLong(Long::longValue).max().orElse(-1));
        System.out.println("(producer, Kafka, registry, InfluxDB, the job and this benchmark share the machine's "
                + Runtime.getRuntime().availableProcessors() + " cores; " + cpu + "; the job's JVM, from 30 s before the window to its end: " + jit + ")");
        double[] fromEventTime = toDoubles(e); // sorted, as e is; percentile gives NaN when empty
        double p99 = StreamRig.percentile(fromEventTime, 99) / 1e6;
        double p50 = StreamRig.percentile(fromEventTime, 50) / 1e6;
        boolean met = neverSeen == 0 && p99 <= TARGET_P99_SECONDS && p50 <= TARGET_P50_SECONDS;
        System.out.printf(Locale.ROOT, "freshness p50 = %.3f s, p99 = %.3f s  (target p50 <= %.1f s and p99 <= %.1f s: %s)%n",
                p50, p99, TARGET_P50_SECONDS, TARGET_P99_SECONDS,
                met ? "met" : "NOT met" + (neverSeen > 0 ? ", " + neverSeen + " trades never seen" : ""));
        double p99Send = s.length == 0 ? Double.NaN : StreamRig.percentile(toDoubles(s), 99) / 1e6;
        System.out.printf(Locale.ROOT, "(from the Kafka send instead, i.e. without the producer's event-time offset: p99 = %.3f s, "
                + "target %s)%n", p99Send, neverSeen == 0 && p99Send <= TARGET_P99_SECONDS ? "met" : "NOT met");
    }

    /**
     * The trades with event time in [from, to): each one's freshness from its event time and from its
     * Kafka send, and the producer's offset between the two, each sorted; and the counts.
     */
    private record Window(long[] fromEvent, long[] fromSend, long[] producerOffset, long trades, long neverSeen, long bars) {
    }

    private Window window(long from, long to) {
        // Sized for this window's bars, not the run's: the per-minute figures ask for many windows.
        int capacity = 0;
        for (Bar bar : bars.values()) {
            if (mayHold(bar, from, to)) {
                capacity += bar.consumed;
            }
        }
        long[] fromEvent = new long[capacity];
        long[] fromSend = new long[capacity];
        long[] producerOffset = new long[capacity];
        int measured = 0;
        long neverSeen = 0;
        long trades = 0;
        long barCount = 0;
        for (Bar bar : bars.values()) {
            if (!mayHold(bar, from, to)) {
                continue;
            }
            List<long[]> seen;
            synchronized (bar.seen) {
                seen = List.copyOf(bar.seen);
            }
            boolean any = false;
            int step = 0;
            for (int k = 0; k < bar.consumed; k++) {
                long event = bar.eventMicros[k];
                if (event < from || event >= to) {
                    continue;
                }
                any = true;
                trades++;
                while (step < seen.size() && seen.get(step)[0] < k + 1) {
                    step++;
                }
                if (step == seen.size()) {
                    neverSeen++;
                    continue;
                }
                long at = seen.get(step)[1];
                fromEvent[measured] = at - event;
                fromSend[measured] = at - bar.sendMillis[k] * 1_000;
                producerOffset[measured] = bar.sendMillis[k] * 1_000 - event;
                measured++;
            }
            if (any) {
                barCount++;
            }
        }
        long[] e = Arrays.copyOf(fromEvent, measured);
        long[] s = Arrays.copyOf(fromSend, measured);
        long[] o = Arrays.copyOf(producerOffset, measured);
        Arrays.sort(e);
        Arrays.sort(s);
        Arrays.sort(o);
        return new Window(e, s, o, trades, neverSeen, barCount);
    }

    /** Whether the bar may have trades with event time in [from, to): it starts within a second before. */
    private static boolean mayHold(Bar bar, long from, long to) {
        return bar.startMicros >= from - 1_000_000L && bar.startMicros < to;
    }

    /**
     * Freshness per minute of the whole run, the warm-up included: how long the job took to settle is
     * part of what a user sees, and shows whether the measured window came after it.
     */
    private String byMinute(long firstEvent, long windowEnd) {
        StringBuilder out = new StringBuilder("freshness by minute of the run, warm-up included (p50/p99 s):");
        for (long from = firstEvent, minute = 1; from < windowEnd; from += 60_000_000L, minute++) {
            long[] e = window(from, Math.min(windowEnd, from + 60_000_000L)).fromEvent;
            double[] d = toDoubles(e);
            out.append(String.format(Locale.ROOT, "  %d: %.2f/%.2f", minute, StreamRig.percentile(d, 50) / 1e6,
                    StreamRig.percentile(d, 99) / 1e6));
        }
        return out.toString();
    }

    private static String stats(long[] sortedMicros) {
        if (sortedMicros.length == 0) {
            return "no values";
        }
        double[] d = toDoubles(sortedMicros);
        return String.format(Locale.ROOT, "n %d  p50 %.3f s  p90 %.3f s  p99 %.3f s  max %.3f s  (min %.3f s)", d.length,
                StreamRig.percentile(d, 50) / 1e6, StreamRig.percentile(d, 90) / 1e6, StreamRig.percentile(d, 99) / 1e6,
                d[d.length - 1] / 1e6, d[0] / 1e6);
    }

    private static double[] toDoubles(long[] values) {
        return Arrays.stream(values).mapToDouble(v -> v).toArray();
    }

    static double[] field(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> r.get(field)).filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
                .sorted().toArray();
    }

    static String fieldStats(List<Map<String, Object>> rows, String name) {
        double[] v = field(rows, name);
        return v.length == 0 ? "none" : String.format(Locale.ROOT, "p50 %.0f p90 %.0f max %.0f (%d batches)",
                StreamRig.percentile(v, 50), StreamRig.percentile(v, 90), v[v.length - 1], v.length);
    }

    /** The phases of Spark's progress (durationMs) the job writes to {@code pipeline}, in the order a batch runs them. */
    static String phases(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        for (String phase : List.of("latest_offset_ms", "wal_commit_ms", "get_batch_ms", "query_planning_ms", "add_batch_ms",
                "commit_offsets_ms")) {
            double[] v = field(rows, phase);
            if (v.length > 0) {
                out.append(String.format(Locale.ROOT, "%s %.0f/%.0f  ", phase.replace("_ms", ""), StreamRig.percentile(v, 50),
                        StreamRig.percentile(v, 90)));
            }
        }
        return out.length() == 0 ? "none" : out.toString().trim();
    }

    static String fieldMedian(List<Map<String, Object>> rows, String name) {
        double[] v = field(rows, name);
        return v.length == 0 ? "none" : String.format(Locale.ROOT, "%.0f", StreamRig.percentile(v, 50));
    }

    static String fieldSum(List<Map<String, Object>> rows, String name) {
        double[] v = field(rows, name);
        return v.length == 0 ? "none" : String.format(Locale.ROOT, "%.0f", Arrays.stream(v).sum());
    }
}
