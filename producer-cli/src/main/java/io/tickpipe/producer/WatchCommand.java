package io.tickpipe.producer;

import io.tickpipe.files.Symbols;
import io.tickpipe.influx.InfluxConfig;
import io.tickpipe.influx.InfluxQl;
import io.tickpipe.influx.InfluxQueryException;
import io.tickpipe.options.CommandLines;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.InfluxOptions;
import io.tickpipe.options.OptionConverters;
import io.tickpipe.options.AtrPeriodOption;
import io.tickpipe.options.BollingerPeriodOption;
import io.tickpipe.options.MacdPeriodsOption;
import io.tickpipe.options.RsiPeriodOption;
import io.tickpipe.producer.watch.IndicatorColumn;
import io.tickpipe.producer.watch.IndicatorPeriods;
import io.tickpipe.producer.watch.SymbolView;
import io.tickpipe.producer.watch.WatchQuery;
import io.tickpipe.producer.watch.WatchTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tickpipe watch}: a table per symbol (last price, current bar, the indicators chosen with
 * {@code --columns}, anomalies) read back from InfluxDB every refresh. On a terminal it redraws in
 * place; otherwise each frame is printed after the last, starting with a header line that carries
 * the wall time. A server not answering yet is shown and asked again; credentials it refuses end the
 * command at once (exit 1).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Show what the streaming job wrote to InfluxDB, per symbol, refreshed every second:",
                "last price, the current bar, indicators (--columns) and anomalies. Ctrl-C or --duration ends it.",
                "One row per --symbols entry, in that order, also before it has data; without --symbols,",
                "a row per symbol found."},
        footer = {"", "Secrets: INFLUX_PASSWORD / INFLUX_TOKEN, or --influx-password-file / --influx-token-file."})
final class WatchCommand implements Callable<Integer> {
    // What the streaming job accepts as an interval and writes as the `interval` tag.
    private static final Pattern INTERVAL = Pattern.compile("[1-9][0-9]{0,8}[smhd]");
    private static final String CLEAR_AND_HOME = "\u001b[H\u001b[2J";

    @Spec
    private CommandSpec spec;

    @Mixin
    ConfigFileOption config;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
            description = "Comma-separated symbols, e.g. AAPL,MSFT,NVDA.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--bar-interval", defaultValue = "1m", paramLabel = "INTERVAL",
            description = "Interval of the bar shown (default: ${DEFAULT-VALUE}).")
    String barInterval;

    @Option(names = "--indicator-interval", defaultValue = "1s", paramLabel = "INTERVAL",
            description = "Bar interval whose indicators are shown (default: ${DEFAULT-VALUE}). They need final bars"
                    + " first: with 1m bars, RSI(14) appears after a quarter of an hour, MACD's signal after 34 minutes.")
    String indicatorInterval;

    @Option(names = "--columns", split = ",", paramLabel = "COLUMN", defaultValue = "vwap,rsi",
            description = "Indicator columns, in this order, of the newest final bar of --indicator-interval: vwap"
                    + " (session VWAP), rsi, bb (Bollinger lower and upper band, percent B),"
                    + " macd (MACD, signal, histogram), atr (default: ${DEFAULT-VALUE}).")
    List<String> columns;

    @Mixin
    RsiPeriodOption rsi;

    @Mixin
    BollingerPeriodOption bollinger;

    @Mixin
    MacdPeriodsOption macd;

    @Mixin
    AtrPeriodOption atr;

    @Option(names = "--anomaly-lookback", defaultValue = "5m", converter = OptionConverters.DurationConverter.class,
            paramLabel = "DURATION", description = "Count the anomalies of bars that started this recently (default: ${DEFAULT-VALUE}).")
    Duration anomalyLookback;

    @Option(names = "--anomaly-window", converter = OptionConverters.DurationConverter.class, paramLabel = "DURATION",
            hidden = true, description = CommandLines.DEPRECATED + "--anomaly-lookback")
    Duration deprecatedAnomalyWindow;

    @Option(names = "--refresh", defaultValue = "1s", converter = OptionConverters.DurationConverter.class,
            paramLabel = "DURATION", description = "Time between two reads (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--duration", converter = OptionConverters.DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long, e.g. 30s, 10m, 1h (default: no limit).")
    Duration duration;

    @Option(names = "--exit-when-complete",
            description = "End as soon as every --symbols row shows a bar: for scripts and tests that wait for the"
                    + " pipeline to deliver (--duration still bounds the wait).")
    boolean exitWhenComplete;

    @Mixin
    InfluxOptions influx;

    @Override
    public Integer call() throws InterruptedException {
        List<String> rows = symbols();
        requireInterval("--bar-interval", barInterval);
        requireInterval("--indicator-interval", indicatorInterval);
        requirePositive("--refresh", refresh);
        Duration lookback = deprecatedAnomalyWindow != null ? deprecatedAnomalyWindow : anomalyLookback;
        requirePositive("--anomaly-lookback", lookback);
        if (duration != null) {
            requirePositive("--duration", duration);
        }
        if (exitWhenComplete && rows.isEmpty()) {
            throw usage("--exit-when-complete needs --symbols: the rows that must all show a bar");
        }
        List<IndicatorColumn> shown;
        try {
            shown = IndicatorColumn.parse(columns);
        } catch (IllegalArgumentException e) {
            throw usage("--columns: " + e.getMessage());
        }
        IndicatorPeriods periods = periods();
        InfluxConfig config;
        try {
            config = influx.config(System.getenv());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        WatchQuery query = new WatchQuery(InfluxQl.of(config), rows, barInterval, indicatorInterval, periods, lookback);
        WatchTable table = new WatchTable(barInterval, indicatorInterval, shown, periods, lookback);
        // Only a terminal can be redrawn; in a pipe or file each frame follows the one before.
        boolean terminal = System.console() != null;
        PrintWriter out = spec.commandLine().getOut();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (true) {
            long started = System.nanoTime();
            boolean complete;
            String frame;
            try {
                List<SymbolView> views = query.read();
                complete = views.stream().allMatch(view -> view.bar() != null);
                frame = table.render(Instant.now(), views);
            } catch (InfluxQueryException e) {
                if (e.credentialsRefused()) {
                    // Not a server still starting: asking again every refresh would only repeat the refusal.
                    throw new IllegalStateException(config.url() + " (database " + config.database() + "): " + e.reason(), e);
                }
                // The stack may still be starting, or the job may not have created anything yet.
                complete = false;
                frame = table.status(Instant.now(), config.url() + " (database " + config.database() + "): " + e.reason());
            }
            out.print(terminal ? CLEAR_AND_HOME + frame : frame);
            out.flush();
            long next = started + refresh.toNanos();
            if (next >= deadline || (exitWhenComplete && complete)) {
                return CommandLine.ExitCode.OK;
            }
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
    }

    private IndicatorPeriods periods() {
        requireAtLeastOne("--rsi-period", rsi.period());
        requireAtLeastOne("--bb-period", bollinger.period());
        requireAtLeastOne("--macd-fast", macd.fast());
        requireAtLeastOne("--macd-signal", macd.signal());
        requireAtLeastOne("--atr-period", atr.period());
        if (macd.slow() <= macd.fast()) {
            throw usage("--macd-slow must be greater than --macd-fast (" + macd.fast() + "), got " + macd.slow());
        }
        return new IndicatorPeriods(rsi.period(), bollinger.period(), macd.fast(), macd.slow(), macd.signal(), atr.period());
    }

    private void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw usage(option + " must be at least 1, got " + value);
        }
    }

    private List<String> symbols() {
        try {
            return Symbols.normaliseAll(symbols);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void requireInterval(String option, String value) {
        if (!INTERVAL.matcher(value).matches()) {
            throw usage(option + " must be a bar interval such as 1s, 1m, 5m, 1h, 1d, got '" + value + "'");
        }
    }

    private void requirePositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw usage(option + " must be positive");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
