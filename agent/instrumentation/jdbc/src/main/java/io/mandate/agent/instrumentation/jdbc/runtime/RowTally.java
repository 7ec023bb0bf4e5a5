package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.bootstrap.ChainContext;

/**
 * The rows one thread has read since its rows were last journaled, in which context and from which
 * statement. A statement's event is journaled when the statement returns, before the application
 * reads its result set, so the rows go to the journal afterwards, as a usage record. Consecutive
 * executions of the same statement in the same context share one record (a loop of lookups would
 * otherwise double the journal's events); a record is written when the thread runs another
 * statement, reads in another context, crosses a row budget, closes the chain or step, or when
 * the tally is a second old or covers {@link #MAX_CALLS} executions. One per thread, reused.
 */
final class RowTally {
    static final int MAX_CALLS = 4096;
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    long rows;
    /** Executions of the statement whose rows are counted here. */
    long calls;
    /** The context the rows were read in (null: outside any chain); compared by identity. */
    ChainContext context;
    /** When the first of these rows was read: wall clock for the journal, monotonic for the age. */
    long firstEpochNanos;
    long firstNanos;
    /** What a person reads of the statement whose result the rows are (SQL with literals as '?'). */
    String statement = "";
    /** The current execution's first row was counted (it counts as one of {@link #calls}). */
    boolean executionCounted;

    boolean pending() {
        return rows > 0;
    }

    void count(ChainContext current, long epochNanos, long nanos) {
        if (rows == 0) {
            context = current;
            firstEpochNanos = epochNanos;
            firstNanos = nanos;
        }
        if (!executionCounted) {
            calls++;
            executionCounted = true;
        }
        rows++;
    }

    /** The statement {@code display} starts: its rows are a new execution. */
    void executing(String display) {
        statement = display;
        executionCounted = false;
    }

    /** True when the pending rows must be journaled before the thread goes on with {@code display} in {@code current}. */
    boolean mustJournalBefore(String display, ChainContext current, long nanos) {
        return pending() && (current != context || !statement.equals(display) || due(nanos));
    }

    /**
     * Whether the pending rows must be journaled now that a result set ended: by count at once, by
     * age only every 64th execution, so a loop of short results does not read the clock for each.
     */
    boolean dueAtResultEnd() {
        return pending() && (calls >= MAX_CALLS || (calls & 63) == 0 && due(System.nanoTime()));
    }

    boolean due(long nanos) {
        return calls >= MAX_CALLS || nanos - firstNanos >= MAX_AGE_NANOS;
    }

    /** Forgets the rows once journaled; keeps the statement, whose result set may still yield rows. */
    void clear() {
        rows = 0;
        calls = 0;
        context = null;
        executionCounted = false;
    }
}
