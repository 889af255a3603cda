package io.tickpipe.spark.job;

import io.tickpipe.options.CommandLines;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A job's command line: picocli over its options object, with the {@code --config} file's
 * properties as defaults ({@link CommandLines}). Help and version go to standard output (exit 0);
 * misuse, including a value the job's configuration rejects, prints what is wrong and the usage to
 * standard error (exit 2).
 */
public final class JobCommandLine {

    /** What the command line asks for: a config to run, or (config null) the exit code to leave with. */
    public record Launch<C>(C config, int exitCode) {
    }

    /** Where the secrets come from, under every job's usage: none of them is an option. */
    public static final String[] SECRETS_FOOTER = {"", "Secrets: INFLUX_TOKEN / INFLUX_PASSWORD (or the *-file options),",
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
            CommandLines.useConfigFile(cli, args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return new Launch<>(null, 0);
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return new Launch<>(null, 0);
            }
            CommandLines.warnDeprecated(parsed, err);
            try {
                return new Launch<>(resolve.apply(options), 0);
            } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage(), e);
            }
        } catch (CommandLine.ParameterException e) {
            return new Launch<>(null, CommandLines.misuse(e, err));
        }
    }
}
