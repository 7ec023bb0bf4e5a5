package io.mandate.agent.journal;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The time the writer's queue sees: read from the system clock only when the writer ticks it,
 * never while a record is being encoded and appended. Chronicle picks a record's cycle file from
 * this time, so the cycle the writer checks before encoding a record is the file the record lands
 * in, and the writer can put its anchor first in every new file (see {@link JournalWriter}).
 */
final class WriterClock implements TimeProvider {
    private volatile long millis = System.currentTimeMillis();

    /** Moves the queue's time on to now (writer thread, between records). */
    long tick() {
        long now = System.currentTimeMillis();
        millis = now;
        return now;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }
}
