package io.tickpipe.reference;

import io.tickpipe.options.CommandLines;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/operations.md's option reference, rendered from the picocli models: per command its
 * description and a table of its options with the help text {@code --help} prints.
 */
final class OptionsReference {

    static final String BEGIN = "<!-- BEGIN options: generated from the commands' picocli models by `make docs`; edit the code, not this -->";
    static final String END = "<!-- END options -->";

    private OptionsReference() {
    }

    static String render(List<CommandSpec> commands) {
        StringBuilder md = new StringBuilder(BEGIN).append("\n");
        for (CommandSpec command : commands) {
            md.append("\n### `").append(command.qualifiedName(" ")).append("`\n\n");
            for (String line : command.usageMessage().description()) {
                md.append(cell(line)).append("\n");
            }
            md.append("\n| option | value | meaning |\n|---|---|---|\n");
            List<String> deprecated = new ArrayList<>();
            for (OptionSpec option : Commands.options(command)) {
                String help = String.join(" ", option.description());
                if (option.hidden()) {
                    deprecated.add("`" + option.longestName() + "` (use `" + help.substring(CommandLines.DEPRECATED.length()) + "`)");
                    continue;
                }
                md.append("| `").append(String.join("`, `", option.names())).append("` | ")
                        .append(option.arity().max() == 0 ? "" : "`" + option.paramLabel().replace("|", "\\|") + "`").append(" | ")
                        .append(cell(help)).append(" |\n");
            }
            if (!deprecated.isEmpty()) {
                md.append("\nDeprecated aliases, still accepted with a warning: ").append(String.join(", ", deprecated)).append(".\n");
            }
        }
        return md.append("\n").append(END).toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
