package io.mandate.agent.journal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** Tuning of a {@link ChronicleJournal}; the defaults suit an agent inside a production JVM. */
public final class JournalOptions {
    /** Small enough to stay in cache (about 1 MB), large enough for a 2 ms burst at the writer's full rate. */
    public static final int DEFAULT_RING_CAPACITY = 4_096;
    public static final Duration DEFAULT_FULL_RING_WAIT = Duration.ofMillis(5);
    public static final Duration DEFAULT_MAX_IDLE_PARK = Duration.ofMillis(1);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private JournalRollCycle rollCycle = JournalRollCycle.DAILY;
    private int ringCapacity = DEFAULT_RING_CAPACITY;
    private Duration fullRingWait = DEFAULT_FULL_RING_WAIT;
    private Duration maxIdlePark = DEFAULT_MAX_IDLE_PARK;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Consumer<Throwable> failureListener = failure -> { };

    public static JournalOptions defaults() {
        return new JournalOptions();
    }

    public JournalRollCycle rollCycle() {
        return rollCycle;
    }

    public JournalOptions rollCycle(JournalRollCycle cycle) {
        this.rollCycle = Objects.requireNonNull(cycle);
        return this;
    }

    public int ringCapacity() {
        return ringCapacity;
    }

    /** Slots in the ring between the application threads and the writer; a power of two. */
    public JournalOptions ringCapacity(int slots) {
        if (slots < 2 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2: " + slots);
        }
        this.ringCapacity = slots;
        return this;
    }

    public Duration fullRingWait() {
        return fullRingWait;
    }

    /**
     * How long an application thread may wait for a free slot when the ring is full before the
     * event is counted as lost (and reported by a journal.gap event). Zero never waits.
     */
    public JournalOptions fullRingWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("negative wait: " + wait);
        }
        this.fullRingWait = wait;
        return this;
    }

    public Duration maxIdlePark() {
        return maxIdlePark;
    }

    /** Longest the idle writer sleeps before looking at the ring again: the idle latency bound. */
    public JournalOptions maxIdlePark(Duration park) {
        if (park.isNegative() || park.isZero()) {
            throw new IllegalArgumentException("idle park must be positive: " + park);
        }
        this.maxIdlePark = park;
        return this;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Longest {@link Journal#close()} and {@link Journal#flush()} wait for the writer. */
    public JournalOptions closeTimeout(Duration timeout) {
        this.closeTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    public Consumer<Throwable> failureListener() {
        return failureListener;
    }

    /**
     * Told of the first failure of each kind (opening, appending, closing), so the agent can log
     * it; every failure is also counted. Called on the writer thread; must not block.
     */
    public JournalOptions failureListener(Consumer<Throwable> listener) {
        this.failureListener = Objects.requireNonNull(listener);
        return this;
    }
}
