package io.tickpipe.spark.testing;

import io.tickpipe.schemas.MarketContract;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Topics, subjects and an InfluxDB database of one test's own on the shared test stack, and the jobs' arguments for them. */
public final class StackFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final LocalStack stack;
    public final String prefix;
    public final String database;

    private StackFixture(LocalStack stack, String prefix, String database) {
        this.stack = stack;
        this.prefix = prefix;
        this.database = database;
    }

    public static StackFixture fresh(LocalStack stack, String name) {
        String unique = name + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toString(System.nanoTime() % 1_000_000, 36);
        StackFixture fixture = new StackFixture(stack, unique.toLowerCase(Locale.ROOT), unique.toLowerCase(Locale.ROOT));
        // On the cluster's three nodes, as make cluster-up creates the market topics: every node holds a
        // copy and a write needs two, so one node may fail without losing an acknowledged record.
        int replicas = stack.kafkaBootstrapServers().split(",").length;
        Map<String, String> configs = replicas > 1 ? Map.of("min.insync.replicas", Integer.toString(replicas - 1)) : Map.of();
        for (MarketContract contract : MarketContract.values()) {
            KafkaIo.createTopic(stack.kafkaBootstrapServers(), contract.topic(fixture.prefix), 3, replicas, configs);
            KafkaIo.createTopic(stack.kafkaBootstrapServers(), contract.deadLetterTopic(fixture.prefix), 1, replicas, configs);
        }
        fixture.influx().createDatabase();
        return fixture;
    }

    /** The same topics, another (new) database. */
    public StackFixture withDatabase(String name) {
        StackFixture fixture = new StackFixture(stack, prefix, database + "_" + name);
        fixture.influx().createDatabase();
        return fixture;
    }

    public String tradesTopic() {
        return MarketContract.TRADES.topic(prefix);
    }

    public String quotesTopic() {
        return MarketContract.QUOTES.topic(prefix);
    }

    public Influx influx() {
        return new Influx(stack.influxUrl(), database);
    }

    public String[] produceArgs(String... more) {
        return concat(List.of("--bootstrap-servers", stack.kafkaBootstrapServers(),
                "--schema-registry", stack.schemaRegistryUrl(), "--topic-prefix", prefix), more);
    }

    /** Where either Spark job finds this fixture's topics, registry and database, then {@code more}. */
    public String[] jobArgs(String... more) {
        return produceArgs(concat(List.of("--influx-url", stack.influxUrl(), "--influx-db", database), more));
    }

    /** The streaming job's: {@link #jobArgs(String...)} with its checkpoints under {@code dir}. */
    public String[] jobArgs(Path dir, String... more) {
        return jobArgs(concat(List.of("--checkpoint-dir", dir.resolve("checkpoints").toString()), more));
    }

    /** {@code first}, then {@code more}: fixed arguments followed by a test's own. */
    static String[] concat(List<String> first, String... more) {
        List<String> args = new ArrayList<>(first);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
