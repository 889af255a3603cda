package io.tickpipe.batch.archive;

import io.tickpipe.spark.job.KafkaSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Archive} run needs: where the topics are, how their records are decoded, the event
 * dates to archive and where the archive is.
 *
 * @param kafka          the cluster and the topics' prefix ({@code <prefix>.trades}, {@code <prefix>.quotes})
 * @param registryConfig Confluent's registry keys, as the other jobs take them
 * @param from           the first event date archived (UTC), inclusive
 * @param to             the last event date archived (UTC), inclusive
 * @param archiveDir     the archive's root as a Hadoop path: a local folder, {@code hdfs://...},
 *                       {@code s3a://...}
 */
public record ArchiveConfig(KafkaSettings kafka, Map<String, String> registryConfig, LocalDate from, LocalDate to,
                            String archiveDir) {

    public ArchiveConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        registryConfig = Map.copyOf(registryConfig);
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + " (both days are archived)");
        }
        if (archiveDir == null || archiveDir.isBlank()) {
            throw new IllegalArgumentException("--archive-dir must name a folder");
        }
    }

    /** The first instant of {@link #from()}, UTC: the range's inclusive start. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@link #to()}, UTC: the range's exclusive end. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Every date from {@link #from()} to {@link #to()}, in order. */
    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
