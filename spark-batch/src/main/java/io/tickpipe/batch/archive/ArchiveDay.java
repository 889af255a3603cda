package io.tickpipe.batch.archive;

import java.time.LocalDate;

/**
 * One event date of one table in an archive run: how many of its records Kafka holds now, how many
 * the archive held before the run, and how many of those Kafka no longer holds.
 */
public record ArchiveDay(ArchiveTable table, LocalDate date, long inKafka, long archived, long archivedNotInKafka) {

    /** What a run does with a day. */
    public enum Outcome {
        /** Kafka holds every record archived before (if any): the day's folder is replaced by what Kafka holds. */
        REPLACED,
        /** Kafka holds no record of the day: nothing is written, an archived day is left as it is. */
        NO_RECORDS,
        /**
         * Kafka holds records of the day, but no longer all that were archived (retention deleted
         * them): replacing the day would lose records, so the archived day is left as it is.
         */
        KEPT
    }

    public Outcome outcome() {
        if (inKafka == 0) {
            return Outcome.NO_RECORDS;
        }
        return archivedNotInKafka > 0 ? Outcome.KEPT : Outcome.REPLACED;
    }

    /** The records the archive holds of the day after the run. */
    public long archivedAfter() {
        return outcome() == Outcome.REPLACED ? inKafka : archived;
    }
}
