package io.mandate.cli.replay;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.JournalSource;

/**
 * Tails a live journal: hands each new event to the consumer as soon as the reader sees it. When
 * caught up it polls every {@link #POLL_NANOS}: the agent's writer appends within about 1 ms of a
 * call, so an event is printed well within the 10 ms budget, at the price of a thousand cheap
 * polls a second on an idle journal.
 */
public final class JournalFollower {
    static final long POLL_NANOS = 1_000_000L;

    private final JournalSource source;

    public JournalFollower(JournalSource source) {
        this.source = source;
    }

    /** Runs until {@code stop} says so or the thread is interrupted (Ctrl-C ends the JVM anyway). */
    public void follow(Consumer<JournalEvent> consumer, BooleanSupplier stop) {
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            JournalEvent event = source.next();
            if (event == null) {
                LockSupport.parkNanos(POLL_NANOS);
            } else {
                consumer.accept(event);
            }
        }
    }
}
