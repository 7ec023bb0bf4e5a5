package io.mandate.agent.journal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Counts every journal failure and tells the listener about the first of each kind only. */
final class FailureReporter {
    enum Kind { APPEND, WRITER, CLOSE, RECORD, RETENTION }

    private final Consumer<Throwable> listener;
    private final AtomicLong count = new AtomicLong();
    private final Map<Kind, Boolean> reported = new EnumMap<>(Kind.class);

    FailureReporter(Consumer<Throwable> listener) {
        this.listener = listener;
    }

    void report(Kind kind, Throwable failure) {
        count.incrementAndGet();
        boolean first;
        synchronized (reported) {
            first = reported.putIfAbsent(kind, Boolean.TRUE) == null;
        }
        if (first) {
            try {
                listener.accept(failure);
            } catch (RuntimeException ignored) {
                // the listener is the agent's log; if even that fails there is nowhere left to tell
            }
        }
    }

    long count() {
        return count.get();
    }
}
