package io.tickpipe.stream;

import io.tickpipe.schemas.MarketContract;
import io.tickpipe.stack.LocalStack;
import io.tickpipe.wire.testing.KafkaIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Topics, subjects and an InfluxDB database of one test's own on the shared test stack. */
final class StackFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final LocalStack stack;
    final String prefix;
    final String database;

    private StackFixture(LocalStack stack, String prefix, String database) {
        this.stack = stack;
        this.prefix = prefix;
        this.database = database;
    }

    static StackFixture fresh(LocalStack stack, String name) {
        String unique = name + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toString(System.nanoTime() % 1_000_000, 36);
        StackFixture fixture = new StackFixture(stack, unique.toLowerCase(Locale.ROOT), unique.toLowerCase(Locale.ROOT));
        for (MarketContract contract : MarketContract.values()) {
            KafkaIo.createTopic(stack.kafkaBootstrapServers(), contract.topic(fixture.prefix), 3);
            KafkaIo.createTopic(stack.kafkaBootstrapServers(), contract.deadLetterTopic(fixture.prefix), 1);
        }
        fixture.influx().createDatabase();
        return fixture;
    }

    /** The same topics, another (new) database. */
    StackFixture withDatabase(String name) {
        StackFixture fixture = new StackFixture(stack, prefix, database + "_" + name);
        fixture.influx().createDatabase();
        return fixture;
    }

    String tradesTopic() {
        return MarketContract.TRADES.topic(prefix);
    }

    String quotesTopic() {
        return MarketContract.QUOTES.topic(prefix);
    }

    Influx influx() {
        return new Influx(stack.influxUrl(), database);
    }

    String[] produceArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", stack.kafkaBootstrapServers(),
                "--schema-registry", stack.schemaRegistryUrl(), "--topic-prefix", prefix));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    String[] jobArgs(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", stack.kafkaBootstrapServers(),
                "--schema-registry", stack.schemaRegistryUrl(), "--topic-prefix", prefix,
                "--influx-url", stack.influxUrl(), "--influx-db", database,
                "--checkpoint-dir", dir.resolve("checkpoints").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
