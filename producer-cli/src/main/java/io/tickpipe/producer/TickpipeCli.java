package io.tickpipe.producer;

import io.tickpipe.options.CommandLines;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code tickpipe}: produce market data into Kafka and manage its topics and schemas. Exit codes:
 * 0 done, 1 failed (unreachable server, refused schema, failed sends), 2 misuse (with usage).
 */
@Command(name = "tickpipe", mixinStandardHelpOptions = true, versionProvider = TickpipeCli.Version.class,
        description = {"Market data into Kafka as Confluent-format Avro, typed by registry-checked schemas;",
                "`watch` shows what the streaming job made of it in InfluxDB."},
        subcommands = {ProduceCommand.class, TopicsCommand.class, SchemasCommand.class, WatchCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class TickpipeCli extends CommandGroup {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with its output going to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            CommandLines.useConfigFile(cli, args);
        } catch (CommandLine.ParameterException e) {
            return CommandLines.misuse(e, err);
        }
        return cli.execute(args);
    }

    /** The command tree, as the tests and the documentation generator read it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TickpipeCli());
        // Misuse: the one line saying what is wrong (and picocli's did-you-mean), then the usage, exit 2.
        cli.setParameterExceptionHandler((e, args) -> CommandLines.misuse(e, e.getCommandLine().getErr()));
        cli.setExecutionStrategy(parsed -> {
            CommandLines.warnDeprecated(parsed, parsed.commandSpec().commandLine().getErr());
            return new CommandLine.RunLast().execute(parsed);
        });
        // A failure at run time is one clear line, not a stack trace; misuse keeps picocli's usage + 2.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tickpipe " + commandLine.getCommandName() + ": " + describe(e));
            commandLine.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TickpipeCli.class.getPackage().getImplementationVersion();
            return new String[] {"tickpipe " + (version == null ? "(development build)" : version)};
        }
    }
}
