package io.mandate.agent.journal;

import java.security.PrivateKey;
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
    /** One Ed25519 signature (~50-100 us of writer CPU) per 4,096 events: well under 0.1 us an event. */
    public static final int DEFAULT_CHECKPOINT_EVENTS = 4_096;
    /** What a crash can leave unsigned is at most about this old. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private JournalRollCycle rollCycle = JournalRollCycle.DAILY;
    private int ringCapacity = DEFAULT_RING_CAPACITY;
    private Duration fullRingWait = DEFAULT_FULL_RING_WAIT;
    private Duration maxIdlePark = DEFAULT_MAX_IDLE_PARK;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Consumer<Throwable> failureListener = failure -> { };
    private int checkpointEvents = DEFAULT_CHECKPOINT_EVENTS;
    private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
    private PrivateKey operatorKey;

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

    public int checkpointEvents() {
        return checkpointEvents;
    }

    /** The writer signs a checkpoint after at most this many events. */
    public JournalOptions checkpointEvents(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("checkpoint events must be positive: " + events);
        }
        this.checkpointEvents = events;
        return this;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** The writer signs a checkpoint at most this long after an unsigned event (and at close). */
    public JournalOptions checkpointInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive: " + interval);
        }
        this.checkpointInterval = interval;
        return this;
    }

    /** The operator's Ed25519 private key, or null. */
    public PrivateKey operatorKey() {
        return operatorKey;
    }

    /**
     * Certifies each run key with this operator key (see {@link OperatorKeys}); null (the default)
     * leaves run keys uncertified. The key itself is never journaled.
     */
    public JournalOptions operatorKey(PrivateKey key) {
        this.operatorKey = key;
        return this;
    }
}
