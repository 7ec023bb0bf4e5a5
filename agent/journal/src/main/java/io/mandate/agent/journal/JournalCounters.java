package io.mandate.agent.journal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by the producers, the writer and the journal's accessors. */
final class JournalCounters {
    final AtomicLong written = new AtomicLong();
    final AtomicLong lostToFullRing = new AtomicLong();
    final AtomicLong lostToWriteFailure = new AtomicLong();
    final AtomicLong lostToCopyFailure = new AtomicLong();
    final AtomicLong rejectedAfterClose = new AtomicLong();
    /**
     * Set by a producer that gave up waiting for a slot; while set, producers facing a full ring
     * drop at once instead of each waiting again, so a stalled disk costs the application one wait,
     * not one wait per call. Cleared by the writer as soon as it frees slots.
     */
    volatile boolean sheddingUntilWriterProgress;

    long written() {
        return written.get();
    }

    /** Events that were recorded while the journal was open but never reached the file. */
    long lost() {
        return lostToFullRing.get() + lostToWriteFailure.get() + lostToCopyFailure.get();
    }
}
