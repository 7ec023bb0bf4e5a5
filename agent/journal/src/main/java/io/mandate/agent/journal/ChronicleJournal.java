package io.mandate.agent.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The journal on a Chronicle Queue in a directory.
 *
 * <p>Application threads only copy their event into a young object and publish it in a bounded
 * lock-free ring ({@link EventRing}); one daemon thread, "mandate-journal-writer", drains the ring into the
 * queue. When the ring is full a producer waits while the writer frees slots (backpressure), and
 * counts the event as lost only when the writer made no progress for
 * {@link JournalOptions#fullRingWait()}; the writer journals every loss as a journal.gap event
 * with the count. See docs/journal.md.
 */
public final class ChronicleJournal implements Journal {
    public static final String WRITER_THREAD_NAME = "mandate-journal-writer";
    /**
     * Producers spin this many times on a full ring before parking between retries: few, because
     * on a small machine a spinning producer takes the core the writer needs to free a slot.
     */
    private static final int FULL_RING_SPINS = 20;
    private static final long FULL_RING_PARK_NANOS = 20_000;
    private static final long FLUSH_POLL_NANOS = 50_000;
    /**
     * How long producers facing a full ring wait for a writer that has not started draining yet
     * (creating the first file and warming its signature up take tens to hundreds of ms, more on a
     * loaded machine): a burst at start-up is held back, not lost.
     */
    static final long WRITER_START_PATIENCE_NANOS = 5_000_000_000L;
    /** Longest {@link #startWriting()} waits for the writer's Chronicle shutdown hook (normally in place long before). */
    private static final long WRITER_PREPARE_PATIENCE_NANOS = 2_000_000_000L;

    private final EventRing ring;
    private final JournalCounters counters = new JournalCounters();
    private final FailureReporter failures;
    private final JournalWriter writer;
    private final Thread writerThread;
    private final long fullRingWaitNanos;
    private final long closeTimeoutNanos;
    private final Object closeLock = new Object();
    private final RunIdentity runIdentity;
    private volatile boolean closed;

    private ChronicleJournal(Path directory, JournalOptions options) {
        this.ring = new EventRing(options.ringCapacity());
        this.failures = new FailureReporter(options.failureListener());
        this.fullRingWaitNanos = options.fullRingWait().toNanos();
        this.closeTimeoutNanos = options.closeTimeout().toNanos();
        this.runIdentity = RunIdentity.deferred(options.operatorKey());
        if (options.operatorKey() != null) {
            // certifying can fail: it fails here, at the start, as it always did (the operator key costs that)
            runIdentity.resolve();
        }
        WriterClock clock = new WriterClock();
        prepareDirectory(directory);
        this.writer = new JournalWriter(() -> openQueue(directory, options.rollCycle(), clock), directory, clock, ring,
                counters, failures, options, runIdentity);
        // no inherited thread-locals and the agent's own loader as context: the writer must not pin
        // anything of the application thread that happened to open the journal
        Consumer<Runnable> runner = options.writerRunner();
        this.writerThread = new Thread(null, () -> runner.accept(writer), WRITER_THREAD_NAME, 0, false);
        writerThread.setContextClassLoader(ChronicleJournal.class.getClassLoader());
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /**
     * Opens (creating when absent) the journal directory with the default options; never blocks
     * callers on disk afterwards.
     *
     * @throws JournalException when the directory cannot be created or opened
     */
    public static Journal open(Path directory) {
        return open(directory, JournalOptions.defaults());
    }

    /** As {@link #open(Path)}, with explicit options. */
    public static ChronicleJournal open(Path directory, JournalOptions options) {
        return new ChronicleJournal(directory, options);
    }

    /**
     * What can be checked at once, so a journal that can never be written stops the start (or is
     * reported under onError=open) instead of failing later on the writer thread: the directory
     * exists or can be created, and this process may create files in it.
     */
    private static void prepareDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException | RuntimeException e) {
            throw new JournalException("cannot open the journal in " + directory, e);
        }
        if (!Files.isWritable(directory)) {
            throw new JournalException("cannot open the journal in " + directory + ": the directory is not writable",
                    null);
        }
    }

    /** Runs on the writer thread (see JournalWriter): what fails here is reported as a writer failure. */
    private static SingleChronicleQueue openQueue(Path directory, JournalRollCycle cycle, WriterClock clock) {
        try {
            return ChronicleQueues.forWriting(directory, cycle, clock);
        } catch (Exception | AssertionError | LinkageError e) {
            throw new JournalException("cannot open the journal in " + directory, e);
        }
    }

    @Override
    public void recordCall(CallRecord call) {
        if (call == null) {
            return;
        }
        long index = claim();
        if (index < 0) {
            tallyDropped(call);
            return;
        }
        EventSlot event = EventSlot.FAILED_COPY;
        try {
            EventSlot copy = new EventSlot();
            copy.copyCall(call);
            event = copy;
        } catch (RuntimeException e) {
            failures.report(FailureReporter.Kind.RECORD, e);
        } finally {
            publish(index, event);
        }
    }

    /** Publishes the record itself: the writer reads it as it would a copy, and nothing changes it any more. */
    @Override
    public void recordFreshCall(CallRecord call) {
        if (call == null) {
            return;
        }
        long index = claim();
        if (index >= 0) {
            publish(index, call);
        } else {
            tallyDropped(call); // counted, like every decided call, though the journal could not take it
        }
    }

    /**
     * The ring cell's own record for the next index: filled in place, so a call allocates no
     * record (see {@link CallRecord}'s setters for why that is also cheaper to fill). When the ring
     * takes no event (full past the wait, or closed: counted) a fresh record, which {@link
     * #publishClaimed} only tallies.
     */
    @Override
    public CallRecord claimCall() {
        long index = claim();
        if (index < 0) {
            return new CallRecord();
        }
        CallRecord cell = ring.recordOf(index);
        cell.claimedIndex = index;
        return cell;
    }

    @Override
    public void publishClaimed(CallRecord claimed, boolean complete) {
        if (claimed == null) {
            return;
        }
        long index = claimed.claimedIndex;
        if (index < 0) {
            if (complete) {
                tallyDropped(claimed);
            }
            return;
        }
        claimed.claimedIndex = -1;
        publish(index, complete ? claimed : EventSlot.FAILED_COPY);
    }

    @Override
    public boolean tallyCallsWith(CallTally tally) {
        writer.tallyCallsWith(tally);
        return true;
    }

    private void tallyDropped(CallRecord call) {
        CallTally tally = writer.tally();
        if (tally != null && !call.usage) {
            tally.call(call.kind, call.operation, call.verdict, call.blocked);
        }
    }

    @Override
    public void recordLifecycle(String type, Map<String, String> attributes) {
        recordLifecycle(type, attributes, null);
    }

    /**
     * As {@link #recordLifecycle(String, Map)}, with the attribute {@code runPublicKeyAttribute}
     * (already a key of {@code attributes}, its value a placeholder) set by the writer to this run's
     * public key as {@link #runPublicKey()} gives it: an event recorded before the run key is made
     * (at premain, see {@link JournalOptions#openWhenStarted}) can still name it, and making the
     * key does not wait for it.
     */
    public void recordLifecycle(String type, Map<String, String> attributes, String runPublicKeyAttribute) {
        if (type == null) {
            return;
        }
        long now = EpochClock.nowNanos();
        long index = claim();
        if (index < 0) {
            return;
        }
        EventSlot event = EventSlot.FAILED_COPY;
        try {
            EventSlot copy = new EventSlot();
            copy.copyLifecycle(type, attributes, now);
            copy.runPublicKeyAttribute(runPublicKeyAttribute);
            event = copy;
        } catch (RuntimeException e) {
            failures.report(FailureReporter.Kind.RECORD, e);
        } finally {
            publish(index, event);
        }
    }

    /** Publishes a claimed index, also when copying failed (an Error too): the writer never waits for it. */
    private void publish(long index, Object event) {
        if (event == EventSlot.FAILED_COPY) {
            counters.lostToCopyFailure.incrementAndGet();
        }
        ring.publish(index, event);
    }

    /** A claimed ring index, or a negative value when the event was dropped (and counted). */
    private long claim() {
        long index = ring.claim();
        if (index >= 0) {
            return index;
        }
        return index == EventRing.CLOSED ? rejectAfterClose() : claimFromFullRing();
    }

    /**
     * Backpressure on a full ring: wait for a slot as long as the writer keeps freeing slots (and,
     * while it is still starting, up to {@link #WRITER_START_PATIENCE_NANOS}); count the event as
     * lost only when the writer made no progress for {@code fullRingWait}, i.e. it is stalled.
     */
    private long claimFromFullRing() {
        if (counters.sheddingUntilWriterProgress || fullRingWaitNanos == 0) {
            counters.lostToFullRing.incrementAndGet();
            return EventRing.FULL;
        }
        // the writer may be in its idle park while a burst filled the ring: wake it (rare path)
        LockSupport.unpark(writerThread);
        long start = System.nanoTime();
        long deadline = start + fullRingWaitNanos;
        long seenProgress = writer.progress();
        int spins = 0;
        for (;;) {
            long index = ring.claim();
            if (index >= 0) {
                return index;
            }
            if (index == EventRing.CLOSED) {
                return rejectAfterClose();
            }
            long now = System.nanoTime();
            long progress = writer.progress();
            if (progress != seenProgress) {
                seenProgress = progress; // the writer is appending: this is backpressure, not a stall
                deadline = now + fullRingWaitNanos;
            } else if (!writer.started() && now - start < WRITER_START_PATIENCE_NANOS) {
                deadline = now + fullRingWaitNanos; // a burst before the writer's first drain
            }
            if (counters.sheddingUntilWriterProgress || now - deadline >= 0) {
                counters.sheddingUntilWriterProgress = true;
                counters.lostToFullRing.incrementAndGet();
                return EventRing.FULL;
            }
            if (spins < FULL_RING_SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(FULL_RING_PARK_NANOS);
            }
        }
    }

    private long rejectAfterClose() {
        counters.rejectedAfterClose.incrementAndGet();
        return EventRing.CLOSED;
    }

    /**
     * Waits (at most the close timeout) until every event recorded before this call is appended to
     * the memory-mapped journal file, where it survives the death of this process.
     */
    @Override
    public void flush() {
        startWriting();
        long target = ring.claimedIndex();
        long deadline = System.nanoTime() + closeTimeoutNanos;
        while (ring.consumerIndex() < target && writerThread.isAlive() && System.nanoTime() - deadline < 0) {
            LockSupport.unpark(writerThread);
            LockSupport.parkNanos(FLUSH_POLL_NANOS);
        }
    }

    /** Drains the ring, writes journal.close, releases the files; waits at most the close timeout. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.requestStop();
        writer.startWriting(); // a writer still waiting to open writes what was recorded, then journal.close
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(TimeUnit.NANOSECONDS.toMillis(closeTimeoutNanos) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets a writer made with {@link JournalOptions#openWhenStarted} open the queue now (the agent
     * calls it when its premain returns). Idempotent; {@link #flush()} and {@link #close()} call it too.
     */
    public void startWriting() {
        if (writer.startWriting()) {
            LockSupport.unpark(writerThread);
            // the JVM may begin to shut down as soon as the caller returns: see ChronicleQueues.initialiseReleaser
            writer.awaitPrepared(WRITER_PREPARE_PATIENCE_NANOS);
        }
    }

    /**
     * This run's public key (Base64 of its X.509 encoding), also in this writer's journal.open and,
     * set by the writer, in the agent's agent.start. The private half never leaves the writer.
     * Makes the run key if it is not made yet.
     */
    public String runPublicKey() {
        return runIdentity.publicKeyBase64();
    }

    /** This run's identity (run id, public key, certificate) and its signatures for messages outside the journal. */
    public RunIdentity runIdentity() {
        return runIdentity;
    }

    /** Events appended to the journal by this writer, journal.open/gap/close excluded. */
    public long writtenEvents() {
        return counters.written();
    }

    /** Events recorded while open that never reached the journal (each loss is also journaled as a gap). */
    public long lostEvents() {
        return counters.lost();
    }

    /** Events offered after {@link #close()} began; they cannot be journaled. */
    public long rejectedAfterClose() {
        return counters.rejectedAfterClose.get();
    }

    /** Failures seen so far (append, copy, writer, close). */
    public long failures() {
        return failures.count();
    }
}
