package io.tickpipe.options;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * What every command line of the project does the same way, the CLI's and the jobs': defaults from
 * the {@code --config} file, misuse as one line saying what is wrong followed by the usage (exit 2),
 * and a warning for each deprecated option used.
 */
public final class CommandLines {

    /** How the description of a hidden deprecated alias begins; the rest names the option to use. */
    public static final String DEPRECATED = "Deprecated alias of ";

    private CommandLines() {
    }

    /**
     * Makes the {@code --config} file among {@code args}, if any, the source of defaults for every
     * option of {@code cli} and its subcommands (keys: long names without dashes, optionally
     * prefixed by the command's qualified name, e.g. {@code tickpipe.produce.rate}). It must be in
     * place before picocli parses, so {@code --config} is found here by hand.
     *
     * @throws CommandLine.ParameterException when the file named cannot be read
     */
    public static void useConfigFile(CommandLine cli, String... args) {
        Path config = configFile(args);
        if (config == null) {
            return;
        }
        if (!Files.isReadable(config)) {
            String hint = config.toString().contains("=") && !config.toString().contains("/")
                    ? " (it names a properties file of option defaults, not a KEY=VALUE setting)" : "";
            throw new CommandLine.ParameterException(named(cli, args), ConfigFileOption.NAME + ": cannot read " + config + hint);
        }
        cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(config.toFile()));
    }

    /** The (sub)command {@code args} name, so misuse shows its usage. */
    private static CommandLine named(CommandLine cli, String... args) {
        CommandLine current = cli;
        for (String arg : args) {
            CommandLine sub = current.getSubcommands().get(arg);
            if (sub != null) {
                current = sub;
            }
        }
        return current;
    }

    private static Path configFile(String... args) {
        String prefix = ConfigFileOption.NAME + "=";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(ConfigFileOption.NAME) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(prefix)) {
                return Path.of(args[i].substring(prefix.length()));
            }
        }
        return null;
    }

    /** Prints what is wrong and the usage of the command it happened in; returns that command's misuse exit code (2). */
    public static int misuse(CommandLine.ParameterException e, PrintWriter err) {
        CommandLine failed = e.getCommandLine();
        err.println(qualifiedName(failed) + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        failed.usage(err);
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** One warning line per deprecated alias the command line used, in this command or a subcommand. */
    public static void warnDeprecated(ParseResult parsed, PrintWriter err) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (OptionSpec option : level.matchedOptions()) {
                String help = String.join(" ", option.description());
                if (option.hidden() && help.startsWith(DEPRECATED)) {
                    err.println("warning: " + option.longestName() + " is deprecated; use "
                            + help.substring(DEPRECATED.length()) + " (same meaning)");
                }
            }
        }
        err.flush();
    }

    private static String qualifiedName(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName(" ");
    }
}
