package io.tickpipe.spark.job;

import io.tickpipe.options.CommandLines;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A job's command line: picocli over its options object (or a tree of subcommands), with the
 * {@code --config} file's properties as defaults ({@link CommandLines}). Help and version go to
 * standard output (exit 0); misuse, including a value the job's configuration rejects, prints what
 * is wrong and the usage to standard error (exit 2).
 */
public final class JobCommandLine {

    /** What the command line asks for: a config to run, or (config null) the exit code to leave with. */
    public record Launch<C>(C config, int exitCode) {
    }

    /** The options of a command that runs: they resolve to its configuration. */
    public interface JobOptions<C> {
        /** The configuration; {@link IllegalArgumentException} (misuse) naming what is wrong. */
        C resolve();
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
        return parse(new CommandLine(options), args, out, err, parsed -> resolve.apply(options));
    }

    /**
     * Parses {@code args} against a command with subcommands ({@code spark-batch backfill ...}); the
     * subcommand's options, a {@link JobOptions}, resolve to the configuration to run. No
     * subcommand is misuse.
     */
    public static Launch<Object> parseCommand(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        return parse(cli, args, out, err, parsed -> {
            CommandLine.ParseResult leaf = parsed;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            if (!(leaf.commandSpec().userObject() instanceof JobOptions<?> options)) {
                throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), "a command is required");
            }
            return options.resolve();
        });
    }

    private static <C> Launch<C> parse(CommandLine cli, String[] args, PrintWriter out, PrintWriter err,
                                       Function<CommandLine.ParseResult, C> resolve) {
        footer(cli);
        try {
            CommandLines.useConfigFile(cli, args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
                CommandLine asked = level.commandSpec().commandLine();
                if (level.isUsageHelpRequested()) {
                    asked.usage(out);
                    return new Launch<>(null, 0);
                }
                if (level.isVersionHelpRequested()) {
                    asked.printVersionHelp(out);
                    return new Launch<>(null, 0);
                }
            }
            CommandLines.warnDeprecated(parsed, err);
            CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            try {
                return new Launch<>(resolve.apply(parsed), 0);
            } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
                throw new CommandLine.ParameterException(leaf, e.getMessage(), e);
            }
        } catch (CommandLine.ParameterException e) {
            return new Launch<>(null, CommandLines.misuse(e, err));
        }
    }

    private static void footer(CommandLine cli) {
        cli.getCommandSpec().usageMessage().footer(SECRETS_FOOTER);
        cli.getSubcommands().values().forEach(JobCommandLine::footer);
    }
}
