package io.mandate.agent.journal;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** Tuning of a {@link ChronicleJournal}; the defaults suit an agent inside a production JVM. */
public final class JournalOptions {
    /** Small enough to stay in cache (about 1 MB), large enough for a 2 ms burst at the writer's full rate. */
    public static final int DEFAULT_RING_CAPACITY = 4_096;
    /**
     * How long the writer may make no progress at all before a producer facing a full ring drops
     * its event: long enough that a writer descheduled on a busy machine is not mistaken for a
     * stalled disk, short enough to bound what a stalled disk costs the application (once: then
     * producers drop without waiting until the writer moves again).
     */
    public static final Duration DEFAULT_FULL_RING_WAIT = Duration.ofSeconds(1);
    /**
     * The idle writer's longest sleep. At 1 ms it woke a thousand times a second however few events
     * came: 2.3% of a core idle, and on a stream of loopback HTTP calls ~6 us of writer CPU per call,
     * mostly the kernel's park and wake-up; at 4 ms 0.9% and ~3 us. An event reaches the file
     * within about that long of being recorded (the `--follow` budget is 10 ms).
     */
    public static final Duration DEFAULT_MAX_IDLE_PARK = Duration.ofMillis(4);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** One Ed25519 signature (~50-100 us of writer CPU) per 4,096 events: well under 0.1 us an event. */
    public static final int DEFAULT_CHECKPOINT_EVENTS = 65_536;
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
    private long retentionMaxBytes;
    private Duration retentionMaxAge;
    private Duration openWhenStarted = Duration.ZERO;
    private Consumer<Runnable> writerRunner = Runnable::run;

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
     * How long an application thread facing a full ring waits without the writer freeing a single
     * slot before its event is counted as lost (and reported by a journal.gap event). While the
     * writer appends, the thread keeps waiting (backpressure: the application runs at the writer's
     * pace). Zero never waits.
     */
    public JournalOptions fullRingWait(Duration wait) {
        this.fullRingWait = notNegativeWait(wait);
        return this;
    }

    public Duration maxIdlePark() {
        return maxIdlePark;
    }

    /** Longest the idle writer sleeps before looking at the ring again: the idle latency bound. */
    public JournalOptions maxIdlePark(Duration park) {
        this.maxIdlePark = positive(park, "idle park");
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
        this.checkpointInterval = positive(interval, "checkpoint interval");
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

    /** Most bytes the journal's cycle files may take before the oldest are deleted; 0: no limit. */
    public long retentionMaxBytes() {
        return retentionMaxBytes;
    }

    /**
     * The writer deletes the oldest cycle files (never the current one) while the directory's
     * cycle files add up to more than this many bytes; 0 (the default) keeps everything.
     */
    public JournalOptions retentionMaxBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size limit: " + bytes);
        }
        this.retentionMaxBytes = bytes;
        return this;
    }

    /** Oldest a cycle file may get before it is deleted, or null: no limit. */
    public Duration retentionMaxAge() {
        return retentionMaxAge;
    }

    /**
     * The writer deletes a cycle file once its cycle ended more than this long ago; null (the
     * default) keeps everything.
     */
    public JournalOptions retentionMaxAge(Duration age) {
        this.retentionMaxAge = age == null ? null : positive(age, "age limit");
        return this;
    }

    /** How long the writer waits for {@link ChronicleJournal#startWriting()} before it opens the queue; zero: it does not wait. */
    public Duration openWhenStarted() {
        return openWhenStarted;
    }

    /**
     * The writer opens the Chronicle queue (~0.2 s of CPU, mostly class loading) and makes the run
     * key only once {@link ChronicleJournal#startWriting()} is called, or {@code atMost} later at
     * the latest: the agent's premain calls it when it returns, so that work does not compete with
     * the JVM's start for the cores. Events recorded meanwhile wait in the ring. Zero (the default)
     * opens at once.
     */
    public JournalOptions openWhenStarted(Duration atMost) {
        this.openWhenStarted = notNegativeWait(atMost);
        return this;
    }

    public Consumer<Runnable> writerRunner() {
        return writerRunner;
    }

    /**
     * Runs the writer thread's whole body: the agent hands it to its call guard, so that nothing
     * the writer does (Chronicle reading /proc while it opens the queue, creating cycle files) is
     * intercepted as if the application did it. The default runs it as it is.
     */
    public JournalOptions writerRunner(Consumer<Runnable> runner) {
        this.writerRunner = Objects.requireNonNull(runner);
        return this;
    }

    private static Duration notNegativeWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("negative wait: " + wait);
        }
        return wait;
    }

    private static Duration positive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
        return duration;
    }
}
