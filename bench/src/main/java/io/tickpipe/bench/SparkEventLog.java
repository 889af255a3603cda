package io.tickpipe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How Spark ran a streaming job's micro-batches, per scheduler pool (the job runs each query in the
 * pool of its name), read from the job's event log: the JSON lines Spark writes with
 * {@code spark.eventLog.enabled=true}, one listener event a line. The figures come from Spark's own
 * record, so they show what the Spark version in use planned, whatever the job's code intended.
 *
 * <p>The events read: {@code SparkListenerJobStart} (its {@code Properties}: {@code spark.scheduler.pool},
 * {@code streaming.sql.batchId}, {@code spark.sql.shuffle.partitions}), {@code SparkListenerStageSubmitted}
 * ({@code Stage Info} / {@code Number of Tasks}, and the same {@code Properties}: a stage submitted is
 * a stage that ran, unlike the {@code Stage Infos} of a job start, which also list stages with nothing
 * to do), {@code SparkListenerExecutorAdded} / {@code Removed} (the executors' {@code Total Cores}: the
 * task slots), {@code SparkListenerLogStart} (the Spark version) and {@code SparkListenerEnvironmentUpdate}
 * (the master). Every other line is skipped without being parsed: most of a log is task metrics and
 * query plans.
 */
final class SparkEventLog {
    static final String POOL = "spark.scheduler.pool";
    static final String BATCH_ID = "streaming.sql.batchId";
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    private static final String IN_PROGRESS = ".inprogress";
    private static final List<String> EVENTS = List.of("SparkListenerJobStart", "SparkListenerStageSubmitted",
            "SparkListenerExecutorAdded", "SparkListenerExecutorRemoved", "SparkListenerLogStart",
            "SparkListenerEnvironmentUpdate");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one query (pool) asked of Spark: per micro-batch (in batch order) its Spark jobs and the
     * stages it submitted, and the tasks of every stage submitted in the pool. {@code statePartitions}:
     * the {@code spark.sql.shuffle.partitions} its jobs ran with (fixed in the checkpoint for a stateful
     * query), -1 when its jobs did not carry it.
     */
    record Query(String pool, List<Integer> jobsPerBatch, List<Integer> stagesPerBatch, List<Integer> tasksPerStage,
                 int statePartitions) {
        long batchesWithMoreThanOneJob() {
            return jobsPerBatch.stream().filter(jobs -> jobs > 1).count();
        }
    }

    /**
     * One or more event logs read. {@code taskSlots}: the most executor cores alive at once (with a
     * {@code local[N]} master, N); over several logs, the fewest. {@code complete}: every log was
     * closed by its application (no {@code .inprogress} file, which a job killed leaves).
     */
    record Plan(List<Path> logs, String sparkVersion, String master, int taskSlots, Map<String, Query> queries,
                boolean complete) {

        /** Several jobs' logs as one (batch ids restart with each job, so batches are kept per job). */
        static Plan merge(List<Plan> plans) {
            if (plans.isEmpty()) {
                throw new IllegalArgumentException("no event logs to merge");
            }
            Map<String, Query> queries = new TreeMap<>();
            for (Plan plan : plans) {
                plan.queries.forEach((pool, q) -> queries.merge(pool, q, (a, b) -> new Query(pool,
                        concat(a.jobsPerBatch, b.jobsPerBatch), concat(a.stagesPerBatch, b.stagesPerBatch),
                        concat(a.tasksPerStage, b.tasksPerStage), fewestKnown(a.statePartitions, b.statePartitions))));
            }
            return new Plan(plans.stream().flatMap(p -> p.logs.stream()).toList(), distinct(plans, Plan::sparkVersion),
                    distinct(plans, Plan::master), plans.stream().mapToInt(Plan::taskSlots).min().orElseThrow(), queries,
                    plans.stream().allMatch(Plan::complete));
        }

        private static String distinct(List<Plan> plans, Function<Plan, String> value) {
            return plans.stream().map(value).collect(Collectors.toCollection(LinkedHashSet::new)).stream()
                    .collect(Collectors.joining(", "));
        }
    }

    private SparkEventLog() {
    }

    /** The one event log in {@code dir} (the rig gives each job a directory of its own). */
    static Plan read(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(Files::isRegularFile).sorted().toList();
        }
        if (logs.size() != 1) {
            throw new IllegalStateException("expected one Spark event log in " + dir + ", found " + logs.size()
                    + (logs.isEmpty() ? " (did the job start its SparkContext?)" : ": " + logs));
        }
        Path log = logs.get(0);
        try (BufferedReader reader = Files.newBufferedReader(log)) {
            return read(reader, log);
        }
    }

    /**
     * Reads an event log from {@code reader}; {@code name} says which file in errors. A line that is
     * not JSON is an error, except the last line of an {@code .inprogress} log: the job was killed
     * while Spark wrote it.
     */
    static Plan read(Reader reader, Path name) throws IOException {
        boolean complete = !name.getFileName().toString().endsWith(IN_PROGRESS);
        Map<String, Map<Long, int[]>> batches = new TreeMap<>(); // pool -> batch id -> {jobs, stages}
        Map<String, List<Integer>> stageTasks = new HashMap<>();
        Map<String, Integer> shufflePartitions = new HashMap<>();
        Map<String, Integer> executorCores = new HashMap<>();
        int taskSlots = 0;
        String version = "unknown";
        String master = "unknown";

        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line = lines.readLine();
        int number = 0;
        while (line != null) {
            number++;
            String next = lines.readLine();
            if (mayBeRead(line)) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    if (next == null && !complete) {
                        break; // the line Spark was writing when the job was killed
                    }
                    throw new IllegalArgumentException(name + ":" + number + ": not a JSON event: "
                            + e.getOriginalMessage());
                }
                String event = node.path("Event").asText();
                String where = name + ":" + number + " (" + event + ")";
                switch (event) {
                    case "SparkListenerJobStart" -> {
                        JsonNode props = node.path("Properties");
                        String pool = text(props, POOL);
                        String batch = text(props, BATCH_ID);
                        if (pool != null && batch != null) {
                            batches.computeIfAbsent(pool, p -> new TreeMap<>())
                                    .computeIfAbsent(batchId(batch, where), b -> new int[2])[0]++;
                            String partitions = text(props, SHUFFLE_PARTITIONS);
                            if (partitions != null) {
                                shufflePartitions.merge(pool, integer(partitions, SHUFFLE_PARTITIONS, where), Math::min);
                            }
                        }
                    }
                    case "SparkListenerStageSubmitted" -> {
                        int tasks = required(node.path("Stage Info"), "Number of Tasks", where).asInt();
                        JsonNode props = node.path("Properties");
                        String pool = text(props, POOL);
                        if (pool != null) {
                            stageTasks.computeIfAbsent(pool, p -> new ArrayList<>()).add(tasks);
                            String batch = text(props, BATCH_ID);
                            if (batch != null) {
                                batches.computeIfAbsent(pool, p -> new TreeMap<>())
                                        .computeIfAbsent(batchId(batch, where), b -> new int[2])[1]++;
                            }
                        }
                    }
                    case "SparkListenerExecutorAdded" -> {
                        String id = required(node, "Executor ID", where).asText();
                        executorCores.put(id, required(node.path("Executor Info"), "Total Cores", where).asInt());
                        taskSlots = Math.max(taskSlots, executorCores.values().stream().mapToInt(Integer::intValue).sum());
                    }
                    case "SparkListenerExecutorRemoved" -> executorCores.remove(required(node, "Executor ID", where).asText());
                    case "SparkListenerLogStart" -> version = required(node, "Spark Version", where).asText();
                    case "SparkListenerEnvironmentUpdate" -> {
                        String m = text(node.path("Spark Properties"), "spark.master");
                        master = m == null ? master : m;
                    }
                    default -> {
                        // The name was in the line, but not as its event (an SQL event's plan text, say).
                    }
                }
            }
            line = next;
        }

        Map<String, Query> queries = new TreeMap<>();
        Set<String> pools = new LinkedHashSet<>(batches.keySet());
        pools.addAll(stageTasks.keySet());
        for (String pool : pools) {
            List<int[]> perBatch = List.copyOf(batches.getOrDefault(pool, Map.of()).values());
            queries.put(pool, new Query(pool, perBatch.stream().map(b -> b[0]).toList(),
                    perBatch.stream().map(b -> b[1]).toList(), List.copyOf(stageTasks.getOrDefault(pool, List.of())),
                    shufflePartitions.getOrDefault(pool, -1)));
        }
        return new Plan(List.of(name), version, master, taskSlots, queries, complete);
    }

    /** Whether the line may be an event read here: most lines are not, and are not worth parsing. */
    private static boolean mayBeRead(String line) {
        for (String event : EVENTS) {
            if (line.contains("\"Event\":\"" + event + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode required(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": no \"" + field + "\"");
        }
        return value;
    }

    private static long batchId(String value, String where) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + BATCH_ID + " is not a batch id: \"" + value + "\"");
        }
    }

    private static int integer(String value, String field, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + field + " is not a number: \"" + value + "\"");
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static int fewestKnown(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
