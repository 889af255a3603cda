package io.tickpipe.spark.job;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} (a picocli mixin): a properties file with defaults for any option of the
 * command, keys the long option names without dashes ({@code influx-url=http://influx:8086}); the
 * command line wins. {@link JobCommandLine} reads the file; this declares the option for the usage.
 */
public final class ConfigFileOption {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for any option below.")
    Path config;
}
