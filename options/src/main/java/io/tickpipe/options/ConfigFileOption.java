package io.tickpipe.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} (a picocli mixin of every command): a properties file with defaults for any
 * option of the command, keys the long option names without dashes ({@code influx-url=http://influx:8086});
 * the command line wins. {@link CommandLines} reads the file before parsing (picocli takes defaults
 * before it sees the arguments); this declares the option for the usage.
 */
public final class ConfigFileOption {

    public static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE",
            description = "Properties file of defaults for any option, keys the long names without dashes"
                    + " (e.g. bootstrap-servers=kafka:9092); the command line wins.")
    Path config;
}
