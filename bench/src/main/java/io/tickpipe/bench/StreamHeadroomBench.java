package io.tickpipe.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench-stream-headroom}: the highest trade rate the streaming job keeps up with on this
 * machine. Steps the producer's trade rate ({@code bench.tradeRates}, default 1k, 2.5k, 5k, 10k, 20k, 40k
 * trades/s over 50 symbols); each trial discards a warm-up and then watches the job for
 * {@code bench.trialSeconds}. After the first failing step, one trial halfway between the last
 * passing and the failing rate. Then the best passing rate again for {@code bench.confirmMinutes}
 * (default 5) on a fresh job and fresh topics.
 *
 * <p>"Keeps up": the job's real backlog does not grow. The backlog is measured here, each second, as
 * Kafka's end offsets minus the offsets of the last batch the query committed (its checkpoint's
 * {@code offsets/N} for the highest {@code commits/N}), for the analytics query (trades) and the
 * ingest query (trades and quotes). The median of the last third of the samples may exceed the
 * median of the first third by at most {@code bench.maxGrowthSeconds} (1) seconds' worth of input,
 * and the batches must not be getting longer (last-third median batch duration above the query's
 * trigger and above 1.5x the first third's; the triggers are the job's defaults, 250 ms and 1 s,
 * unless {@code bench.triggerMs} and {@code bench.ingestTriggerMs} say otherwise for other
 * {@code bench.jobArgs}). The job's own {@code pipeline.offsets_behind} (the records
 * between what a batch read and the topics' end offsets when it finished) is printed too; the
 * judgement uses the backlog sampled here, each second, independent of the job's batch rhythm.
 *
 * <p>A passing step is followed by the next on the same job once it has drained its backlog; a
 * failing step's job is stopped and the next trial gets a new job on new topics ({@code h<N>.*}).
 * The producer's achieved rate is what counts: where it falls short of the target (it shares the
 * two cores too) the step says so.
 *
 * <p>At the end, how Spark planned the micro-batches of every job of the run, from their Spark event
 * logs ({@link SparkPlanSection}).
 */
public final class StreamHeadroomBench {
    private static final int SYMBOLS = Integer.getInteger("bench.symbols", 50);

    private record Sample(long wallMillis, long analyticsLag, long ingestLag, long trades, long events) {
    }

    private record Trial(String label, double targetTrades, double producerEvents, double tradesPerSecond,
                         double eventsPerSecond, double lagAFirst, double lagALast, double lagIFirst, double lagILast,
                         double growthA, double growthI, double batchAFirst, double batchALast, double batchIFirst,
                         double batchILast, double inputA, double inputI, double behindAFirst, double behindALast,
                         double behindIFirst, double behindILast, double eventLagLast, int samples, boolean keepsUp,
                         String why, String cpu) {
        boolean producerLimited() {
            return tradesPerSecond < 0.95 * targetTrades;
        }
    }

    private final StreamRig rig;
    private final List<String> jobArgs;
    private final int warmup;
    private final int trialSeconds;
    private final double triggerMs;
    private final double ingestTriggerMs;
    private final double maxGrowthSeconds;
    private int prefixes;
    /** Every job the trials ran on, for the Spark plan section over all of them. */
    private final List<StreamRig.Job> jobs = new ArrayList<>();

    private StreamHeadroomBench(StreamRig rig) {
        this.rig = rig;
        this.jobArgs = StreamFreshnessBench.jobArgs();
        this.warmup = Integer.getInteger("bench.warmupSeconds", 20);
        this.trialSeconds = Integer.getInteger("bench.trialSeconds", 60);
        this.triggerMs = Double.parseDouble(System.getProperty("bench.triggerMs", "250"));
        this.ingestTriggerMs = Double.parseDouble(System.getProperty("bench.ingestTriggerMs", "1000"));
        this.maxGrowthSeconds = Double.parseDouble(System.getProperty("bench.maxGrowthSeconds", "1"));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = 1;
        try (StreamRig rig = StreamRig.start("bench-stream-headroom")) {
            new StreamHeadroomBench(rig).run();
            exit = 0;
        } finally {
            System.exit(exit);
        }
    }

    private void run() throws Exception {
        double[] rates = Arrays.stream(System.getProperty("bench.tradeRates", "1000,2500,5000,10000,20000,40000").split(","))
                .map(String::trim).mapToDouble(Double::parseDouble).toArray();
        double confirmMinutes = Double.parseDouble(System.getProperty("bench.confirmMinutes", "5"));
        System.out.printf(Locale.ROOT, "headroom: trade rates %s over %d symbols, %d s warm-up + %d s per step, confirm %s min; "
                + "job %s%n", Arrays.toString(rates), SYMBOLS, warmup, trialSeconds, confirmMinutes,
                jobArgs.isEmpty() ? "with default options" : String.join(" ", jobArgs));

        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        Trial failed = null;
        StreamRig.Job job = null;
        for (double rate : rates) {
            boolean fresh = job == null;
            if (fresh) {
                job = newJob();
            }
            Trial trial = trial(job, "step " + (trials.size() + 1), rate, fresh ? warmup + 10 : warmup, trialSeconds);
            trials.add(trial);
            print(trial);
            if (!trial.keepsUp()) {
                failed = trial;
                job.stop();
                job = null;
                break;
            }
            best = trial;
            if (!drained(job, Duration.ofSeconds(60))) {
                System.out.println("  (the job had not drained its backlog 60 s after the producer stopped: next step on a new job)");
                job.stop();
                job = null;
            }
        }
        if (failed != null && best != null && failed.targetTrades() / best.targetTrades() > 1.3) {
            double mid = Math.round((best.targetTrades() + failed.targetTrades()) / 2 / 500) * 500.0;
            if (job != null) {
                job.stop();
            }
            job = newJob();
            Trial trial = trial(job, "step " + (trials.size() + 1) + " (halfway)", mid, warmup + 10, trialSeconds);
            trials.add(trial);
            print(trial);
            if (trial.keepsUp()) {
                best = trial;
            }
        }
        Trial confirm = null;
        if (best != null && confirmMinutes > 0) {
            if (job != null) {
                job.stop();
            }
            job = newJob();
            confirm = trial(job, String.format(Locale.ROOT, "confirm %.4g min", confirmMinutes), best.targetTrades(),
                    warmup + 10, (int) Math.round(confirmMinutes * 60));
            trials.add(confirm);
            print(confirm);
        }
        if (job != null) {
            job.stop();
        }
        report(trials, best, failed, confirm, confirmMinutes);
        rig.printSparkPlan(jobs);
    }

    private StreamRig.Job newJob() throws Exception {
        String prefix = "h" + (++prefixes);
        rig.createTopicsAndSchemas(prefix);
        StreamRig.Job job = rig.startJob(prefix, jobArgs);
        jobs.add(job);
        job.awaitStarted(Duration.ofMinutes(3));
        return job;
    }

    private boolean drained(StreamRig.Job job, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> trades = List.of(job.prefix + ".trades");
        List<String> both = List.of(job.prefix + ".trades", job.prefix + ".quotes");
        while (System.nanoTime() < deadline) {
            job.checkAlive();
            if (job.lag("analytics", trades).orElse(1) == 0 && job.lag("ingest", both).orElse(1) == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private Trial trial(StreamRig.Job job, String label, double tradesPerSecond, int warmupSeconds, int measureSeconds)
            throws Exception {
        double events = tradesPerSecond / StreamRig.TRADE_SHARE;
        System.out.printf(Locale.ROOT, "%s: %.0f trades/s (--rate %.0f events/s), %d s warm-up + %d s measured%n", label,
                tradesPerSecond, events, warmupSeconds, measureSeconds);
        List<String> trades = List.of(job.prefix + ".trades");
        List<String> both = List.of(job.prefix + ".trades", job.prefix + ".quotes");
        StreamRig.Producer producer = rig.startProducer(job.prefix, SYMBOLS, events,
                Duration.ofSeconds(warmupSeconds + measureSeconds));
        long measureFrom = producer.started.toEpochMilli() + warmupSeconds * 1000L;
        long measureTo = measureFrom + measureSeconds * 1000L;
        List<Sample> samples = new ArrayList<>();
        StreamRig.Cpu cpuFrom = null;
        StreamRig.Cpu cpuTo = null;
        long next = System.currentTimeMillis();
        while (producer.process.isAlive()) {
            job.checkAlive();
            long now = System.currentTimeMillis();
            if (now >= measureFrom && now < measureTo) {
                if (cpuFrom == null) {
                    cpuFrom = StreamRig.Cpu.now();
                }
                cpuTo = StreamRig.Cpu.now();
                long tradesEnd = rig.endOffsetSum(trades);
                long eventsEnd = rig.endOffsetSum(both);
                OptionalLong a = job.lag("analytics", trades);
                OptionalLong i = job.lag("ingest", both);
                // Before a query's first commit its backlog is everything written so far.
                samples.add(new Sample(now, a.orElse(tradesEnd), i.orElse(eventsEnd), tradesEnd, eventsEnd));
            }
            next += 1000;
            producer.process.waitFor(Math.max(1, next - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
        double producerRate = producer.awaitSummary(Duration.ofSeconds(10));
        if (samples.size() < 6) {
            throw new IllegalStateException(label + ": only " + samples.size() + " samples; the producer ended early:\n"
                    + StreamRig.tail(producer.log, 20));
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        double seconds = (last.wallMillis() - first.wallMillis()) / 1000.0;
        double tradeRate = (last.trades() - first.trades()) / seconds;
        double eventRate = (last.events() - first.events()) / seconds;
        int third = samples.size() / 3;
        List<Sample> head = samples.subList(0, third);
        List<Sample> tail = samples.subList(samples.size() - third, samples.size());
        double lagAFirst = StreamRig.median(head.stream().map(Sample::analyticsLag).toList());
        double lagALast = StreamRig.median(tail.stream().map(Sample::analyticsLag).toList());
        double lagIFirst = StreamRig.median(head.stream().map(Sample::ingestLag).toList());
        double lagILast = StreamRig.median(tail.stream().map(Sample::ingestLag).toList());
        double growthA = (lagALast - lagAFirst) / tradeRate;
        double growthI = (lagILast - lagIFirst) / eventRate;

        Instant from = Instant.ofEpochMilli(measureFrom);
        Instant to = Instant.ofEpochMilli(last.wallMillis());
        double thirdMillis = (to.toEpochMilli() - measureFrom) / 3.0;
        Instant firstThirdEnd = from.plusMillis((long) thirdMillis);
        Instant lastThirdStart = to.minusMillis((long) thirdMillis);
        List<Map<String, Object>> analytics = rig.pipeline("analytics", from, to);
        List<Map<String, Object>> ingest = rig.pipeline("ingest", from, to);
        List<Map<String, Object>> aHead = rig.pipeline("analytics", from, firstThirdEnd);
        List<Map<String, Object>> aTail = rig.pipeline("analytics", lastThirdStart, to);
        List<Map<String, Object>> iHead = rig.pipeline("ingest", from, firstThirdEnd);
        List<Map<String, Object>> iTail = rig.pipeline("ingest", lastThirdStart, to);
        double batchAFirst = median(aHead, "batch_duration_ms");
        double batchALast = median(aTail, "batch_duration_ms");
        double batchIFirst = median(iHead, "batch_duration_ms");
        double batchILast = median(iTail, "batch_duration_ms");

        List<String> why = new ArrayList<>();
        if (!(growthA <= maxGrowthSeconds)) {
            why.add(String.format(Locale.ROOT, "analytics backlog grew by %.1f s of input", growthA));
        }
        if (!(growthI <= maxGrowthSeconds)) {
            why.add(String.format(Locale.ROOT, "ingest backlog grew by %.1f s of input", growthI));
        }
        if (slowing(batchAFirst, batchALast, triggerMs)) {
            why.add(String.format(Locale.ROOT, "analytics batches lengthening (%.0f -> %.0f ms)", batchAFirst, batchALast));
        }
        if (slowing(batchIFirst, batchILast, ingestTriggerMs)) {
            why.add(String.format(Locale.ROOT, "ingest batches lengthening (%.0f -> %.0f ms)", batchIFirst, batchILast));
        }
        return new Trial(label, tradesPerSecond, producerRate, tradeRate, eventRate, lagAFirst, lagALast, lagIFirst, lagILast,
                growthA, growthI, batchAFirst, batchALast, batchIFirst, batchILast,
                median(analytics, "input_rows_per_second"), median(ingest, "input_rows_per_second"),
                median(aHead, "offsets_behind"), median(aTail, "offsets_behind"),
                median(iHead, "offsets_behind"), median(iTail, "offsets_behind"),
                median(aTail, "event_time_lag_ms"), samples.size(), why.isEmpty(), String.join("; ", why),
                StreamRig.Cpu.between(cpuFrom, cpuTo));
    }

    private static boolean slowing(double first, double last, double trigger) {
        return Double.isNaN(last) || (last > trigger && last > 1.5 * first);
    }

    private static double median(List<Map<String, Object>> rows, String field) {
        double[] v = StreamFreshnessBench.field(rows, field);
        return StreamRig.percentile(v, 50);
    }

    private void print(Trial t) {
        System.out.printf(Locale.ROOT, "%s: target %.0f trades/s%s%n", t.label(), t.targetTrades(),
                t.producerLimited() ? "  (PRODUCER-LIMITED: it reached only " + Math.round(t.tradesPerSecond()) + ")" : "");
        System.out.printf(Locale.ROOT, "  producer: %.0f events/s (its summary); into Kafka while measured: %.0f trades/s, "
                + "%.0f events/s%n", t.producerEvents(), t.tradesPerSecond(), t.eventsPerSecond());
        System.out.printf(Locale.ROOT, "  job input rows/s (median of batches): analytics %.0f, ingest %.0f%n", t.inputA(), t.inputI());
        System.out.printf(Locale.ROOT, "  backlog (end offsets - committed, median of first -> last third of %d samples): "
                + "analytics %.0f -> %.0f trades (%+.2f s of input), ingest %.0f -> %.0f events (%+.2f s)%n", t.samples(),
                t.lagAFirst(), t.lagALast(), t.growthA(), t.lagIFirst(), t.lagILast(), t.growthI());
        System.out.printf(Locale.ROOT, "  the job's offsets_behind (first -> last third): analytics %.0f -> %.0f, ingest %.0f -> %.0f%n",
                t.behindAFirst(), t.behindALast(), t.behindIFirst(), t.behindILast());
        System.out.printf(Locale.ROOT, "  median batch duration (first -> last third; triggers %.0f and %.0f ms): analytics %.0f -> %.0f ms, "
                + "ingest %.0f -> %.0f ms; event_time_lag_ms (last third) %.0f%n", triggerMs, ingestTriggerMs, t.batchAFirst(),
                t.batchALast(), t.batchIFirst(), t.batchILast(), t.eventLagLast());
        System.out.println("  " + t.cpu());
        System.out.println("  keeps up: " + (t.keepsUp() ? "yes" : "NO (" + t.why() + ")"));
    }

    private void report(List<Trial> trials, Trial best, Trial failed, Trial confirm, double confirmMinutes) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== StreamHeadroomBench: %d symbols, %d s per step after %d s warm-up; job %s ==%n",
                SYMBOLS, trialSeconds, warmup, jobArgs.isEmpty() ? "with default options (raw trades on)"
                        : String.join(" ", jobArgs));
        for (Trial t : trials) {
            System.out.printf(Locale.ROOT, "%-22s target %6.0f trades/s: achieved %6.0f trades/s (%6.0f events/s); "
                    + "backlog growth analytics %+.2f s, ingest %+.2f s; batch ms a %.0f / i %.0f: %s%n", t.label(),
                    t.targetTrades(), t.tradesPerSecond(), t.eventsPerSecond(), t.growthA(), t.growthI(), t.batchALast(),
                    t.batchILast(), t.keepsUp() ? "keeps up" : "falls behind" + (t.producerLimited() ? " (producer-limited)" : ""));
        }
        System.out.println("(the producer, Kafka, the registry, InfluxDB and the Spark job all share this machine's "
                + Runtime.getRuntime().availableProcessors() + " cores; the benchmark's own sampling is once a second)");
        if (best == null) {
            System.out.println("headroom: the job kept up with none of the rates tried");
            return;
        }
        String bound = failed == null ? " (highest rate tried; it may keep up with more)"
                : String.format(Locale.ROOT, " (fell behind at %.0f)", failed.tradesPerSecond());
        if (confirm == null) {
            System.out.printf(Locale.ROOT, "headroom: %.0f trades/s%s; not confirmed (bench.confirmMinutes=%s)%n",
                    best.tradesPerSecond(), bound, confirmMinutes);
        } else {
            System.out.printf(Locale.ROOT, "headroom: %.0f trades/s%s; %s at %.0f trades/s achieved: %s%n",
                    best.tradesPerSecond(), bound, confirm.label(), confirm.tradesPerSecond(),
                    confirm.keepsUp() ? "keeps up" : "FALLS BEHIND (" + confirm.why() + ")");
        }
        if (best.producerLimited()) {
            System.out.println("note: the producer did not reach the target rate at the best step: the job's true limit may be higher");
        }
    }
}
