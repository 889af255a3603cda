package io.tickpipe.spark.job;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A job's command line: picocli over its options object, with the {@link ConfigFileOption} file's
 * properties as defaults. Help and version go to standard output (exit 0); misuse, including a
 * value the job's configuration rejects, prints what is wrong and the usage to standard error
 * (exit 2).
 */
public final class JobCommandLine {

    /** What the command line asks for: a config to run, or (config null) the exit code to leave with. */
    public record Launch<C>(C config, int exitCode) {
    }

    /** Where the secrets come from, under every job's usage: none of them is an option. */
    private static final String[] SECRETS_FOOTER = {"", "Secrets: INFLUX_TOKEN / INFLUX_PASSWORD (or the *-file options),",
            "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO (or --registry-credentials-file)."};

    private JobCommandLine() {
    }

    /**
     * Parses {@code args} into {@code options} (a picocli {@code @Command}) and turns them into a
     * configuration with {@code resolve}, whose {@link IllegalArgumentException}s count as misuse.
     */
    public static <O, C> Launch<C> parse(O options, Function<O, C> resolve, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(options);
        cli.getCommandSpec().usageMessage().footer(SECRETS_FOOTER);
        try {
            Path config = configFile(args);
            if (config != null) {
                if (!Files.isReadable(config)) {
                    throw new CommandLine.ParameterException(cli, "--config: cannot read " + config);
                }
                cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(config.toFile()));
            }
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return new Launch<>(null, 0);
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return new Launch<>(null, 0);
            }
            return new Launch<>(resolve.apply(options), 0);
        } catch (CommandLine.ParameterException | IllegalArgumentException | IllegalStateException | DateTimeException e) {
            err.println(cli.getCommandName() + ": " + e.getMessage());
            cli.usage(err);
            return new Launch<>(null, 2);
        }
    }

    // The default provider must be in place before picocli parses, so --config is found by hand first.
    private static Path configFile(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
