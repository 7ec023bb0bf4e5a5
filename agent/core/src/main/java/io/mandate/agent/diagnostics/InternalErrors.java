package io.mandate.agent.diagnostics;

import io.mandate.agent.journal.Journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's own failures: each place is reported once on stderr and in the journal, then only
 * counted, so a failure on a hot path never floods the application's log. The number of places is
 * bounded; past it, failures are counted under one overflow place.
 */
public final class InternalErrors {
    static final int MAX_PLACES = 256;
    static final String OVERFLOW_PLACE = "other places";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final String consequence;
    private volatile Journal journal;

    /** @param consequence what an internal error means for calls, e.g. "calls it affects are denied (onError=closed)" */
    public InternalErrors(String consequence) {
        this.consequence = consequence;
    }

    /** Where first reports are journaled, once the journal is open. */
    public void journal(Journal newJournal) {
        journal = newJournal;
    }

    public void report(String where, Throwable error) {
        try {
            LongAdder count = counts.get(where);
            if (count == null) {
                String place = counts.size() < MAX_PLACES ? where : OVERFLOW_PLACE;
                LongAdder fresh = new LongAdder();
                count = counts.putIfAbsent(place, fresh);
                if (count == null) {
                    count = fresh;
                    firstReport(place, error);
                }
            }
            count.increment();
        } catch (RuntimeException | LinkageError reportingFailed) {
            // reporting must never turn into a failure of the call that hit the error
        }
    }

    /** How many internal errors happened in total. */
    public long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }

    private void firstReport(String where, Throwable error) {
        System.err.println("mandate: internal error in " + where + ": " + error + "; " + consequence
                + " (reported once per place)");
        Journal current = journal;
        if (current != null) {
            current.recordLifecycle("agent.error", Map.of("where", where, "error", String.valueOf(error)));
        }
    }
}
