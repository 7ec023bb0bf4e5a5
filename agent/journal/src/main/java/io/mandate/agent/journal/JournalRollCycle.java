package io.mandate.agent.journal;

/**
 * How often the journal starts a new file. Retention deletes whole files, so this is also the
 * granularity at which old events are dropped (docs/journal.md, "Retention").
 */
public enum JournalRollCycle {
    /** For tests and demonstrations of retention: a file per second. */
    SECONDLY,
    FIVE_MINUTELY,
    HOURLY,
    /** The default: one file a day keeps the directory small and matches day-based retention. */
    DAILY
}
