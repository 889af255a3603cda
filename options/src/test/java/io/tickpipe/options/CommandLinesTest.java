package io.tickpipe.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

class CommandLinesTest {

    @Command(name = "tool", subcommands = {Run.class, Other.class})
    static final class Tool {
        @Mixin
        ConfigFileOption config;
    }

    @Command(name = "run")
    static final class Run {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--rate", defaultValue = "1")
        int rate;

        @Option(names = "--name", defaultValue = "none")
        String name;

        @Option(names = "--old-rate", hidden = true, description = CommandLines.DEPRECATED + "--rate")
        Integer oldRate;
    }

    @Command(name = "other")
    static final class Other {
        @Option(names = "--rate", defaultValue = "1")
        int rate;
    }

    @Test
    void theConfigFileGivesDefaultsByLongNameOrByCommandAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("defaults.properties"), "rate=5\nname=from-file\ntool.other.rate=7\n");
        Run run = parse(Run.class, "run", "--config", file.toString());
        assertThat(run.rate).isEqualTo(5);
        assertThat(run.name).isEqualTo("from-file");
        assertThat(parse(Run.class, "run", "--config", file.toString(), "--rate", "9").rate).isEqualTo(9);
        assertThat(parse(Other.class, "--config=" + file, "other").rate).isEqualTo(7);
        assertThat(parse(Run.class, "run").rate).as("no file: the annotation's default").isEqualTo(1);
    }

    @Test
    void anUnreadableConfigFileIsMisuseAndAKeyValueGetsAHint() {
        CommandLine cli = new CommandLine(new Tool());
        StringWriter err = new StringWriter();
        try {
            CommandLines.useConfigFile(cli, "run", "--config", "retention.ms=1");
            throw new AssertionError("no misuse");
        } catch (CommandLine.ParameterException e) {
            assertThat(CommandLines.misuse(e, new PrintWriter(err))).isEqualTo(2);
        }
        assertThat(err.toString()).contains("tool run: --config: cannot read retention.ms=1 (it names a properties file of option defaults")
                .contains("Usage: tool run");
    }

    @Test
    void aDeprecatedAliasUsedIsOneWarningNamingItsReplacement() {
        CommandLine cli = new CommandLine(new Tool());
        StringWriter err = new StringWriter();
        CommandLines.warnDeprecated(cli.parseArgs("run", "--old-rate", "3"), new PrintWriter(err));
        assertThat(err.toString()).isEqualTo("warning: --old-rate is deprecated; use --rate (same meaning)" + System.lineSeparator());
        StringWriter none = new StringWriter();
        CommandLines.warnDeprecated(new CommandLine(new Tool()).parseArgs("run", "--rate", "3"), new PrintWriter(none));
        assertThat(none.toString()).isEmpty();
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine cli = new CommandLine(new Tool());
        CommandLines.useConfigFile(cli, args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return type.cast(parsed.subcommand().commandSpec().userObject());
    }
}
