package io.mandate.agent.journal;

/**
 * How often the journal starts a new file. Retention (a later issue) deletes whole files, so this
 * is also the granularity at which old events can be dropped.
 */
public enum JournalRollCycle {
    HOURLY,
    /** The default: one file a day keeps the directory small and matches day-based retention. */
    DAILY
}
