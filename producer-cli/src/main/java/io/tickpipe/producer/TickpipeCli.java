package io.tickpipe.producer;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        System.exit(commandLine().execute(args));
    }

    /** Runs the CLI with its output captured, as the tests do. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TickpipeCli());
        // Misuse: the one line saying what is wrong (and picocli's did-you-mean), then the usage, exit 2.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            failed.usage(err);
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
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
