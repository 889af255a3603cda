package io.tickpipe.producer;

import io.tickpipe.files.Symbols;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.OptionConverters;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.producer.sink.KafkaEventSink;
import io.tickpipe.producer.sink.SendCounters;
import io.tickpipe.producer.source.CsvReplay;
import io.tickpipe.producer.source.EventSource;
import io.tickpipe.producer.source.FinnhubSource;
import io.tickpipe.producer.source.InjectedJump;
import io.tickpipe.producer.source.JumpLabelsFile;
import io.tickpipe.producer.source.SimulatedMarket;
import io.tickpipe.schemas.MarketContract;
import io.tickpipe.wire.registry.RegistryUnavailableException;
import io.tickpipe.wire.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tickpipe produce}: market events for the chosen symbols into Kafka, with live progress. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Produce quotes and trades for the chosen symbols into <prefix>.quotes and <prefix>.trades.")
final class ProduceCommand implements Callable<Integer> {
    enum Source { sim, replay, finnhub }

    static final String FINNHUB_TOKEN_ENV = "FINNHUB_TOKEN";

    static final class SymbolChoice {
        @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", description = "Comma-separated symbols, e.g. AAPL,MSFT,NVDA.")
        List<String> list;

        @Option(names = "--symbols-file", paramLabel = "FILE", description = "File of symbols, one per line or comma-separated; # starts a comment.")
        Path file;
    }

    static final class Limit {
        @Option(names = "--count", paramLabel = "N", description = "Stop after N events (quotes and trades together).")
        Long count;

        @Option(names = "--duration", paramLabel = "DURATION", converter = OptionConverters.DurationConverter.class,
                description = "Stop after this long, e.g. 30s, 10m, 1h (default: no limit).")
        Duration duration;
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    ConfigFileOption config;

    @ArgGroup(exclusive = true)
    SymbolChoice symbols;

    @ArgGroup(exclusive = true)
    Limit limit;

    @Option(names = "--source", defaultValue = "sim", paramLabel = "SOURCE", description = "Where events come from: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Source source;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "EVENTS_PER_SECOND",
            description = "sim: events per second over all symbols; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--replay-file", split = ",", paramLabel = "FILE",
            description = "replay: CSV file of trades or quotes, plain or .gz (columns in docs/data-model.md). Repeatable; files are merged by event time.")
    List<Path> replayFiles = new ArrayList<>();

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "replay: N times the recorded pace; sim: N times --rate, the event times unchanged; 0 = as fast as"
                    + " possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--finnhub-url", paramLabel = "URL", converter = OptionConverters.UriConverter.class,
            description = "finnhub: websocket endpoint (default: wss://ws.finnhub.io).")
    java.net.URI finnhubUrl = FinnhubSource.DEFAULT_ENDPOINT;

    @Option(names = "--finnhub-token-file", paramLabel = "FILE",
            description = "finnhub: file holding the API token (or set " + FINNHUB_TOKEN_ENV + "; never on the command line).")
    Path finnhubTokenFile;

    @Option(names = "--strict", description = "replay: stop at the first bad line instead of reporting and skipping it.")
    boolean strict;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulation; the same seed, symbols, --start-time and --rate give the same events (default: random, printed).")
    Long seed;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "sim: write the price jumps the simulation injects to this CSV file (symbol,event_time,log_size), the ground truth for make eval-anomalies.")
    Path labels;

    @Option(names = "--start-time", paramLabel = "INSTANT", converter = OptionConverters.InstantConverter.class,
            description = "Event time of the simulation's first event, e.g. 2026-01-05T14:30:00Z (default: now).")
    Instant startTime;

    @Mixin
    TopicPrefixOption topicPrefix;

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "DURATION", converter = OptionConverters.DurationConverter.class,
            description = "How long to keep trying to reach Kafka at start (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--quiet", description = "No progress lines; the summary is still printed.")
    boolean quiet;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
        List<String> symbolList = symbols();
        if (symbolList.isEmpty() && source != Source.replay) {
            throw usage("--symbols or --symbols-file is required for --source " + source);
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw usage("--rate must be 0 or more events per second, got " + rate);
        }
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw usage("--speed must be 0 or more, got " + speed);
        }
        if ((source == Source.replay) != !replayFiles.isEmpty()) {
            throw usage(source == Source.replay ? "--source replay needs at least one --replay-file"
                    : "--replay-file goes with --source replay");
        }
        if (labels != null && source != Source.sim) {
            throw usage("--labels goes with --source sim: only the simulation injects jumps");
        }
        if (limit != null && limit.count != null && limit.count < 1) {
            throw usage("--count must be at least 1, got " + limit.count);
        }
        if (limit != null && limit.duration != null && (limit.duration.isZero() || limit.duration.isNegative())) {
            throw usage("--duration must be positive");
        }
        String token = source == Source.finnhub ? finnhubToken() : null;
        PrintWriter err = spec.commandLine().getErr();
        long effectiveSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
        Map<String, Object> clientProperties = kafka.clientProperties();
        awaitKafka(clientProperties);
        registerSchemas(registry.client());

        SendCounters counters = new SendCounters();
        StopSignal stop = new StopSignal();
        SignalHook onSignal = SignalHook.install(stop);
        int exitCode = CommandLine.ExitCode.SOFTWARE;
        try {
            try (JumpLabelsFile labelsFile = labels != null ? new JumpLabelsFile(labels) : null;
                 KafkaEventSink sink = new KafkaEventSink(clientProperties, new HashMap<>(registry.registryConfig()), topicPrefix.prefix(), counters)) {
                // Only the simulation is paced by --rate (times --speed): a replay keeps its recorded pace, a live
                // feed its own. --rate alone spaces the simulation's event times, so --speed 0 sends a long
                // stretch of simulated market at once.
                Pacer pacer = new Pacer(source == Source.sim ? rate * speed : 0);
                // The simulation's clock starts with the pacer, once Kafka and the registry answer and the
                // producer exists: each event is sent at its event time instead of trailing it by the
                // start-up (seconds on a busy machine) or by the source's own set-up.
                try (EventSource events = openSource(symbolList, effectiveSeed,
                        startTime != null ? startTime : pacer.start(), token, labelsFile, err);
                     ProgressReporter progress = new ProgressReporter(counters, err, !quiet)) {
                    run(events, sink, progress, stop, pacer);
                }
            }
            exitCode = counters.failed() > 0 ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
            return exitCode;
        } finally {
            onSignal.release(exitCode);
        }
    }

    /** The send loop, ended by the limit, the end of the source or {@code stop}; always flushed and summarised. */
    private void run(EventSource events, KafkaEventSink sink, ProgressReporter progress, StopSignal stop,
                     Pacer pacer) throws InterruptedException {
        long maxEvents = limit != null && limit.count != null ? limit.count : Long.MAX_VALUE;
        Timer deadline = new Timer("tickpipe-duration", true);
        if (limit != null && limit.duration != null) {
            deadline.schedule(new TimerTask() {
                @Override
                public void run() {
                    stop.stop();
                }
            }, limit.duration.toMillis());
        }
        try {
            for (long i = 0; i < maxEvents && !stop.stopped(); i++) {
                SpecificRecord event = stop.next(events);
                if (event == null) {
                    break;
                }
                pacer.awaitSlot(i);
                sink.send(event);
            }
        } finally {
            deadline.cancel();
            sink.flush();
            progress.close();
            progress.summary(events.summary());
        }
    }

    private EventSource openSource(List<String> symbolList, long effectiveSeed, Instant effectiveStart, String token,
                                   Consumer<InjectedJump> jumps, PrintWriter err) throws IOException {
        return switch (source) {
            case sim -> {
                if ((seed == null || startTime == null) && !quiet) {
                    err.println("simulation: pass --seed " + effectiveSeed + " --start-time " + effectiveStart + " to repeat this run");
                }
                yield new SimulatedMarket(symbolList, effectiveSeed, effectiveStart,
                        Duration.ofNanos(rate > 0 ? Math.max(1_000, Math.round(1e9 / rate)) : 1_000), jumps != null ? jumps : jump -> { });
            }
            case replay -> new CsvReplay(replayFiles, speed, Set.copyOf(symbolList), strict, err);
            case finnhub -> new FinnhubSource(finnhubUrl, token, symbolList, err);
        };
    }

    private String finnhubToken() throws IOException {
        String token = finnhubTokenFile != null ? Files.readString(finnhubTokenFile).strip() : System.getenv(FINNHUB_TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw usage("--source finnhub needs an API token: set " + FINNHUB_TOKEN_ENV + " or pass --finnhub-token-file");
        }
        return token;
    }

    private List<String> symbols() throws IOException {
        List<String> raw = new ArrayList<>();
        if (symbols == null) {
            return List.of();
        }
        if (symbols.list != null) {
            raw.addAll(symbols.list);
        } else {
            for (String line : Files.readAllLines(symbols.file)) {
                String content = line.replaceAll("#.*", "");
                raw.addAll(List.of(content.split(",")));
            }
        }
        List<String> unique;
        try {
            unique = Symbols.normaliseAll(raw);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (unique.isEmpty()) {
            throw usage("no symbols given" + (symbols.file != null ? " in " + symbols.file : ""));
        }
        return unique;
    }

    private void awaitKafka(Map<String, Object> clientProperties) throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>(clientProperties);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) connectTimeout.toMillis());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(connectTimeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                // Not "cannot reach": the broker answered, and no retry would change its mind.
                throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " refused the login: "
                        + refused.getMessage() + " (check sasl.jaas.config in the --client-config file or "
                        + KafkaOptions.SASL_JAAS_CONFIG_ENV + ")", refused);
            }
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " within "
                    + connectTimeout.toSeconds() + " s" + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " within "
                    + connectTimeout.toSeconds() + " s" + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""), e);
        }
    }

    private void registerSchemas(SchemaRegistryClient client) {
        for (MarketContract contract : MarketContract.values()) {
            try {
                client.register(contract.valueSubject(topicPrefix.prefix()), contract.schema());
            } catch (RegistryUnavailableException e) {
                throw new IllegalStateException("cannot reach the schema registry at " + registry.url() + ": " + e.getMessage(), e);
            }
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
