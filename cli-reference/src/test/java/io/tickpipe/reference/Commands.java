package io.tickpipe.reference;

import io.tickpipe.batch.BatchJob;
import io.tickpipe.producer.TickpipeCli;
import io.tickpipe.stream.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Every command a user runs, as the picocli models the programs themselves parse with. */
final class Commands {

    private Commands() {
    }

    /** The commands that take options, each with its full name ({@code tickpipe produce}), in the order the docs list them. */
    static List<CommandSpec> all() {
        List<CommandSpec> commands = new ArrayList<>();
        leaves(TickpipeCli.commandLine(), commands);
        leaves(new CommandLine(new StreamOptions()), commands);
        leaves(BatchJob.commandLine(), commands);
        return commands;
    }

    /** The options a user may type: not the standard help and version options. */
    static List<OptionSpec> options(CommandSpec command) {
        return command.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static void leaves(CommandLine cli, List<CommandSpec> out) {
        if (cli.getSubcommands().isEmpty()) {
            out.add(cli.getCommandSpec());
            return;
        }
        cli.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandName().equals("generate-completion"))
                .distinct()
                .forEach(sub -> leaves(sub, out));
    }
}
