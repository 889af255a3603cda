package io.tickpipe.batch;

import picocli.CommandLine.Option;

/** {@code --archive-dir} (a picocli mixin): where {@code archive} writes and {@code analyze --source archive} reads. */
public final class ArchiveDirOption {

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "The Parquet archive of decoded trades and quotes, a folder per event date (any Hadoop path:"
                    + " hdfs://, s3a://).")
    String dir;

    public String dir() {
        return dir;
    }
}
