package io.tickpipe.batch.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.testing.LocalSpark;
import io.tickpipe.spark.testing.Producer;
import io.tickpipe.spark.testing.StackFixture;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.stack.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against ground truth: trained on a seeded simulation's history, then scoring a longer run
 * of the same simulation whose second half it has never seen; its anomalies in that half are checked
 * against the jumps the simulation labelled, precision and recall computed here from the labels and
 * the Parquet tables analyze wrote.
 */
class AnomalyModelIT {
    private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
    private static final String SEED = "20261204";
    private static final long SECOND = 1_000_000L;
    private static final int HISTORY_EVENTS = 120_000;

    @Test
    void aModelTrainedOnHistoryFlagsTheLabelledJumpsOfNewBarsFarBeyondChance(@TempDir Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        StackFixture history = StackFixture.fresh(stack, "model-history");
        StackFixture live = StackFixture.fresh(stack, "model-live");
        Path historyLabels = dir.resolve("history-labels.csv");
        Path labels = dir.resolve("labels.csv");
        // The same seed, symbols, start and rate: the live run repeats the history, then goes on.
        String[] sim = {"--source", "sim", "--symbols", "AAPL,MSFT,NVDA", "--rate", "100", "--speed", "0",
            "--seed", SEED, "--start-time", START.toString()};
        Producer.produce(dir, history.produceArgs(concat(sim, "--count", String.valueOf(HISTORY_EVENTS), "--labels", historyLabels.toString())));
        Producer.produce(dir, live.produceArgs(concat(sim, "--count", String.valueOf(2 * HISTORY_EVENTS), "--labels", labels.toString())));
        // Event i is at START + i * 10 ms: the history ends here.
        long trainedUntil = micros(START) + HISTORY_EVENTS * 10_000L;

        Path model = dir.resolve("model");
        String[] train = concat(history.produceArgs("--source", "kafka"), "--interval", "1s", "--model-dir", model.toString());
        assertThat(run(concat(new String[] {"train-anomaly-model"}, train))).contains("anomaly model: 4 centres over");
        assertThat(model.resolve("manifest.json")).isRegularFile();
        assertThat(Files.readString(model.resolve("manifest.json"))).contains("\"interval\" : \"1s\"")
                .contains("\"AAPL\"").contains("\"thresholdQuantile\" : 0.99");

        Path out = dir.resolve("analysis");
        String printed = run(concat(new String[] {"analyze"}, concat(live.produceArgs("--source", "kafka"), "--intervals", "1s",
                "--summary-interval", "1s", "--anomaly-model", model.toString(), "--labels", labels.toString(),
                "--output-dir", out.toString())));
        assertThat(printed).contains("labelled jumps").containsPattern("\\n  model +\\d+");

        SparkSession spark = LocalSpark.session();
        List<JumpLabels.Jump> jumps = JumpLabels.read(labels).stream()
                .filter(j -> micros(j.eventTime()) >= trainedUntil).toList();
        assertThat(jumps).as("jumps after the history").hasSizeGreaterThan(10);
        long newBars = spark.read().parquet(out.resolve("bars").toString())
                .where(col("time").geq(java.sql.Timestamp.from(Instant.EPOCH.plus(trainedUntil, ChronoUnit.MICROS)))).count();
        // A jump shows in its bar, or in the next one when no trade followed it within its own.
        Set<String> jumpBars = new HashSet<>();
        for (JumpLabels.Jump jump : jumps) {
            long bar = micros(jump.eventTime()) / SECOND * SECOND;
            jumpBars.add(jump.symbol() + "@" + bar);
            jumpBars.add(jump.symbol() + "@" + (bar + SECOND));
        }
        double chance = (double) jumpBars.size() / newBars;

        List<Row> flagged = spark.read().parquet(out.resolve("anomalies").toString())
                .where(col("kind").equalTo("model"))
                .where(col("time").geq(java.sql.Timestamp.from(Instant.EPOCH.plus(trainedUntil, ChronoUnit.MICROS))))
                .collectAsList();
        Set<String> flaggedBars = new HashSet<>();
        for (Row row : flagged) {
            assertThat(row.<Double>getAs("score")).as("a flagged bar's score").isPositive();
            flaggedBars.add(row.getAs("symbol") + "@" + micros(row.<java.sql.Timestamp>getAs("time").toInstant()));
        }
        long truePositives = flaggedBars.stream().filter(jumpBars::contains).count();
        long found = jumps.stream().filter(j -> {
            long bar = micros(j.eventTime()) / SECOND * SECOND;
            return flaggedBars.contains(j.symbol() + "@" + bar) || flaggedBars.contains(j.symbol() + "@" + (bar + SECOND));
        }).count();
        double precision = (double) truePositives / flaggedBars.size();
        double recall = (double) found / jumps.size();
        System.out.printf("model on new bars: %d flagged, precision %.3f (chance %.4f), recall %.3f of %d jumps%n",
                flaggedBars.size(), precision, chance, recall, jumps.size());
        assertThat(recall).as("recall of the labelled jumps").isGreaterThanOrEqualTo(0.5);
        assertThat(precision).as("precision, against chance " + chance).isGreaterThan(10 * chance);
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        JobCommandLine.Launch<Object> launch = BatchJob.parse(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(launch.config()).as(err.toString()).isNotNull();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BatchJob.run(LocalSpark.session(), launch.config());
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(exit).as(text).isZero();
        return text;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }
}
