package io.tickpipe.batch.archive;

import io.tickpipe.batch.ArchiveDirOption;
import io.tickpipe.batch.TimeRangeOptions;
import io.tickpipe.options.ConfigFileOption;
import io.tickpipe.options.KafkaOptions;
import io.tickpipe.options.RegistryOptions;
import io.tickpipe.options.TopicPrefixOption;
import io.tickpipe.spark.job.JobCommandLine;
import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spark-batch archive}: whole UTC days of decoded trades and quotes from Kafka into the Parquet archive. */
@Command(name = "archive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The decoded trades and quotes of the UTC days --from..--to (both included) from Kafka into",
                "Parquet under --archive-dir, a folder per event date; archiving a day again replaces it. Reads what",
                "the topics retain (replayed history carries old event times): archive a day while Kafka holds it,",
                "e.g. yesterday from a daily cron. Undecodable records are counted, not archived."})
public final class ArchiveOptions implements JobCommandLine.JobOptions<ArchiveConfig> {

    @Mixin
    ConfigFileOption config;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ArchiveDirOption archive;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicPrefixOption topics;

    @Mixin
    RegistryOptions registry;

    @Override
    public ArchiveConfig resolve() {
        range.checked();
        if (range.from() == null || range.to() == null || archive.dir() == null) {
            throw new IllegalArgumentException("archive needs --from DATE, --to DATE and --archive-dir DIR");
        }
        return new ArchiveConfig(KafkaSettings.from(kafka, topics), registry.registryConfig(), day(range.from(), "--from"),
                day(range.to(), "--to").minusDays(1), archive.dir());
    }

    /** The UTC day a bound starts ({@code --to} a date is the next day's midnight); an instant inside a day is misuse. */
    private static LocalDate day(Instant bound, String option) {
        LocalDate day = LocalDate.ofInstant(bound, ZoneOffset.UTC);
        if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(bound)) {
            throw new IllegalArgumentException("archive works on whole UTC days: " + option + " " + bound
                    + " is not a day's start; give a date such as 2026-03-02");
        }
        return day;
    }
}
