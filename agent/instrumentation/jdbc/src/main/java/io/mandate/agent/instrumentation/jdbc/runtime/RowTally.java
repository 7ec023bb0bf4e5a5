package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.bootstrap.ChainContext;

/**
 * The rows one thread has read since its rows were last journaled, and in which context and after
 * which statement. A statement's event is journaled when the statement returns, before the
 * application reads its result set, so the rows it yields go to the journal afterwards as one usage
 * record per run of rows: when the result set is read to its end, when the thread runs its next
 * statement, when it reads rows in another context, or just before a row-budget denial. One per
 * thread, reused.
 */
final class RowTally {
    long rows;
    /** The context the rows were read in (null: outside any chain); compared by identity. */
    ChainContext context;
    /** When the first of these rows was read. */
    long firstEpochNanos;
    /** What a person reads of the statement whose result the rows are (SQL with literals as '?'). */
    String statement = "";

    boolean pending() {
        return rows > 0;
    }

    void count(ChainContext current, long epochNanos) {
        if (rows == 0) {
            context = current;
            firstEpochNanos = epochNanos;
        }
        rows++;
    }

    /** Forgets the rows once journaled; keeps the statement, whose result set may still yield rows. */
    void clear() {
        rows = 0;
        context = null;
    }
}
