package io.mandate.agent.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The body of the "mandate-journal-writer" thread: drains the ring into the Chronicle queue, the
 * only code that touches the disk. It writes a journal.open event first, a journal.gap event as soon
 * as it sees that events were lost, and a journal.close event when asked to stop. In every new
 * cycle file its first record is a signed journal.anchor, and it applies retention: it journals
 * which old files it removes (journal.retention, sealed at once), then removes them.
 */
final class JournalWriter implements Runnable {
    /** Events written between two looks at the loss counter and the stop flag. */
    private static final int BATCH = 256;
    /** Shortest sleep of an idle writer (see IdlePacing): below it a wake-up costs more than it saves. */
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long UNPUBLISHED_SLOT_PATIENCE_NANOS = 2_000_000_000L;
    /** How often retention looks at the directory besides at each new cycle (the size limit moves with the current file). */
    private static final long RETENTION_CHECK_MILLIS = 1_000;
    private static final int NO_CYCLE = Integer.MIN_VALUE;

    /** Opens the queue on the writer thread: Chronicle's set-up (~0.2 s of class loading) stays off the start. */
    private final Supplier<SingleChronicleQueue> queueOpener;
    private final Path directory;
    private final long retentionMaxBytes;
    private final Duration retentionMaxAge;
    private SingleChronicleQueue queue;
    private final WriterClock clock;
    private final EventRing ring;
    /** Counts the calls this writer takes, when the enforcer handed the counting over (see Journal#tallyCallsWith). */
    private volatile CallTally tally;
    /** The writer's view of a handed-over call record, refilled per record: the encoder copies what it keeps. */
    private final EventSlot handedOver = new EventSlot();
    private final EventEncoder encoder;
    private final JournalCounters counters;
    private final FailureReporter failures;
    private final long maxParkNanos;
    private final String rollCycle;
    private final RunIdentity identity;
    /** Longest the writer waits for {@link #startWriting()} before it opens the queue anyway. */
    private final long openWhenStartedNanos;
    // made on this thread once the writer may start (see run): the run id, key and certificate
    private String writerId;
    private RunKey runKey;
    private byte[] operatorCertificate;
    private String runPublicKey;
    private final long checkpointEvents;
    private final long checkpointIntervalNanos;
    private RetentionSweeper retention;

    private volatile boolean stopRequested;
    private volatile boolean startWriting;
    /** Counted down once Chronicle's system properties are set and its shutdown hook registered (or that failed). */
    private final java.util.concurrent.CountDownLatch prepared = new java.util.concurrent.CountDownLatch(1);
    /** Set once journal.open is appended and the writer drains the ring. */
    private volatile boolean started;
    /**
     * Records appended so far, published per record (a release store, no fence): producers facing a
     * full ring watch it to tell a writer that is working through a burst from a stalled one.
     */
    private final java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();
    private long appendedRecords;
    private long nextSequence;
    /** Next ring index to take; the ring's consumer index trails it by at most one batch. */
    private long cursor;
    private long written;
    /** The cycle file this writer's last record went to (NO_CYCLE before its first). */
    private int currentCycle = NO_CYCLE;
    private boolean appendedAny;
    private long reportedLost;
    /** Events appended since the last checkpoint, and the sequence of the last one. */
    private long unsealedEvents;
    private long lastAppendedSequence;
    private long lastCheckpointNanos = System.nanoTime();
    private boolean retentionDue = true;
    private long nextRetentionCheckMillis;

    JournalWriter(Supplier<SingleChronicleQueue> queueOpener, Path directory, WriterClock clock, EventRing ring,
                  JournalCounters counters, FailureReporter failures, JournalOptions options, RunIdentity identity) {
        this.queueOpener = queueOpener;
        this.directory = directory;
        this.retentionMaxBytes = options.retentionMaxBytes();
        this.retentionMaxAge = options.retentionMaxAge();
        this.clock = clock;
        this.ring = ring;
        this.counters = counters;
        this.failures = failures;
        this.maxParkNanos = options.maxIdlePark().toNanos();
        this.rollCycle = options.rollCycle().name();
        this.identity = identity;
        this.openWhenStartedNanos = options.openWhenStarted().toNanos();
        this.startWriting = openWhenStartedNanos == 0;
        this.checkpointEvents = options.checkpointEvents();
        this.checkpointIntervalNanos = options.checkpointInterval().toNanos();
        // the tag tells apart writers that share a pid: two journals of one JVM, or containers
        // where every JVM is pid 1 and a restarted agent follows a crashed one
        this.encoder = new EventEncoder((int) ProcessId.current(), ThreadLocalRandom.current().nextInt());
    }

    void requestStop() {
        stopRequested = true;
    }

    void tallyCallsWith(CallTally calls) {
        tally = calls;
    }

    CallTally tally() {
        return tally;
    }

    /** Lets the writer open the queue; true the first time (the caller then wakes the writer up). */
    boolean startWriting() {
        if (startWriting) {
            return false;
        }
        startWriting = true;
        return true;
    }

    /** Waits at most {@code nanos} until the writer prepared Chronicle (see {@link #run()}). */
    void awaitPrepared(long nanos) {
        try {
            prepared.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits, at most {@code openWhenStarted}, until the writer may start: until then the agent's
     * premain runs, and the queue's set-up would only compete with it for the cores.
     */
    private void awaitStartWriting() {
        long deadline = System.nanoTime() + openWhenStartedNanos;
        long left;
        while (!startWriting && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** Whether the writer has opened its file and drains the ring (or has given up trying). */
    boolean started() {
        return started;
    }

    /** Grows with every record the writer appends (any thread may read it). */
    long progress() {
        return progress.get();
    }

    @Override
    public void run() {
        try {
            try {
                // before any Chronicle class loads; then, before waiting, what must happen before the
                // JVM could begin to shut down (ChronicleQueues.initialiseReleaser)
                ChronicleSystemProperties.apply();
                ChronicleQueues.initialiseReleaser();
            } finally {
                prepared.countDown();
            }
            awaitStartWriting();
            writerId = identity.runId();
            runKey = identity.key();
            operatorCertificate = identity.journaledCertificate();
            runPublicKey = identity.publicKeyBase64();
            queue = queueOpener.get();
            retention = new RetentionSweeper(queue, directory, retentionMaxBytes, retentionMaxAge);
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.WRITER, t);
            started = true; // a writer that failed must not hold producers back
            if (queue != null) {
                closeQueue();
            }
            return;
        }
        try (ExcerptAppender appender = queue.createAppender()) {
            runKey.warmUp();
            enterCycle(appender);
            encoder.open(nextSequence, EpochClock.nowNanos(), writerId, System.getProperty("java.version"),
                    rollCycle, ring.capacity(), implementationVersion(), runKey.publicKeyEncoded(), operatorCertificate);
            if (append(appender)) {
                nextSequence++;
            }
            started = true;
            drainUntilStopped(appender);
            drainRemainder(appender);
            reportLost(appender);
            enterCycle(appender);
            encoder.close(nextSequence, EpochClock.nowNanos(), written, counters.lost());
            append(appender);
            // the last checkpoint seals journal.close: a closed writer's whole chain is signed
            checkpoint(appender);
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.WRITER, t);
        } finally {
            started = true; // a writer that failed must not hold producers back
            closeQueue();
        }
    }

    private void closeQueue() {
        try {
            queue.close();
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.CLOSE, t);
        }
    }

    private void drainUntilStopped(ExcerptAppender appender) {
        IdlePacing pacing = new IdlePacing(ring.capacity(), MIN_PARK_NANOS, maxParkNanos);
        long sinceNanos = System.nanoTime();
        long takenSince = 0;
        while (!stopRequested) {
            reportLost(appender);
            checkpointIfDue(appender);
            sweepIfDue(appender);
            int taken = drain(appender, BATCH);
            takenSince += taken;
            if (taken < BATCH) {
                // the ring is empty: sleep, bounded, never woken by producers on their fast path
                long now = System.nanoTime();
                LockSupport.parkNanos(this, pacing.nextPark(takenSince, now - sinceNanos));
                sinceNanos = now;
                takenSince = 0;
            }
        }
    }

    /**
     * Seals the ring and writes every event that was claimed before the seal. A producer that
     * claimed a slot publishes it within nanoseconds; one that never does (a thread suspended by a
     * debugger) is given up on after a while and its events are counted as lost.
     */
    private void drainRemainder(ExcerptAppender appender) {
        long end = ring.seal();
        long lastProgress = System.nanoTime();
        while (cursor < end) {
            if (drain(appender, BATCH) > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > UNPUBLISHED_SLOT_PATIENCE_NANOS) {
                counters.lostToCopyFailure.addAndGet(end - cursor);
                return;
            } else {
                Thread.yield();
            }
        }
    }

    private int drain(ExcerptAppender appender, int max) {
        int n = 0;
        Object event;
        CallTally calls = tally;
        while (n < max && (event = ring.published(cursor)) != null) {
            EventSlot slot = event instanceof CallRecord call ? handedOver.takeCall(call) : (EventSlot) event;
            if (slot.type == JournalFormat.TYPE_CALL && calls != null) {
                calls.call(slot.kind, slot.operation, slot.verdict, slot.blocked);
            }
            if (slot.type != EventSlot.TYPE_FAILED_COPY) {
                if (slot.runPublicKeyIndex >= 0) {
                    slot.attributeValues[slot.runPublicKeyIndex] = runPublicKey; // only this thread reads the slot now
                }
                enterCycle(appender);
                encoder.slot(nextSequence, slot, ChronicleQueues.MAX_RECORD_BYTES);
                if (append(appender)) {
                    nextSequence++;
                    written++;
                    if (slot.type == JournalFormat.TYPE_CALL) { // a usage record never becomes the previous call
                        encoder.callAppended(slot);
                    }
                    if (unsealedEvents >= checkpointEvents) {
                        checkpoint(appender);
                    }
                } else {
                    encoder.forceKeyframe();
                }
            }
            ring.consumed(cursor);
            cursor++;
            n++;
        }
        if (n > 0) {
            // one release per batch: freeing slots one by one would bounce the index between cores
            ring.release(cursor);
            counters.written.lazySet(written);
            if (counters.sheddingUntilWriterProgress) {
                counters.sheddingUntilWriterProgress = false;
            }
        }
        return n;
    }

    private void reportLost(ExcerptAppender appender) {
        long lost = counters.lost();
        if (lost != reportedLost) {
            enterCycle(appender);
            encoder.gap(nextSequence, EpochClock.nowNanos(), lost - reportedLost, lost);
            if (append(appender)) {
                nextSequence++;
                reportedLost = lost;
            }
        }
    }

    /**
     * Signs a checkpoint after every {@code checkpointEvents} events or {@code checkpointInterval}
     * with unsealed events: what a crash can leave unsigned is bounded by both.
     */
    private void checkpointIfDue(ExcerptAppender appender) {
        if (unsealedEvents > 0 && (unsealedEvents >= checkpointEvents
                || System.nanoTime() - lastCheckpointNanos >= checkpointIntervalNanos)) {
            checkpoint(appender);
        }
    }

    private void checkpoint(ExcerptAppender appender) {
        if (unsealedEvents == 0) {
            return;
        }
        enterCycle(appender);
        if (unsealedEvents == 0) {
            return; // the anchor of a new cycle file sealed them
        }
        try {
            encoder.checkpoint(lastAppendedSequence, EpochClock.nowNanos(), runKey);
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.WRITER, t);
            return;
        }
        if (write(appender)) {
            encoder.appended();
            unsealedEvents = 0;
        } else {
            failures.report(FailureReporter.Kind.APPEND, new JournalException("checkpoint not appended", null));
        }
        // after a failure too: retrying a failing disk on every event would only add load
        lastCheckpointNanos = System.nanoTime();
    }

    /**
     * Called before encoding any record. Ticks the queue's clock, so the record lands in the cycle
     * file seen here; when that is a new file for this writer, writes the writer's anchor first and
     * makes the next call a keyframe (a reader starting at the file needs nothing older).
     */
    private void enterCycle(ExcerptAppender appender) {
        clock.tick();
        int cycle = queue.cycle();
        if (cycle == currentCycle) {
            return;
        }
        encoder.forceKeyframe();
        if (appendedAny && !anchor(appender, currentCycle)) {
            return; // retried before the next record: the anchor must lead the file for retention
        }
        currentCycle = cycle;
        retentionDue = true;
    }

    /** Seals the writer's chain so far and names the writer, at the start of a new cycle file. */
    private boolean anchor(ExcerptAppender appender, int previousCycle) {
        try {
            encoder.anchor(lastAppendedSequence, EpochClock.nowNanos(), previousCycle, writerId,
                    runKey.publicKeyEncoded(), operatorCertificate, runKey);
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.WRITER, t);
            return false;
        }
        if (!write(appender)) {
            return false;
        }
        encoder.appended();
        unsealedEvents = 0;
        lastCheckpointNanos = System.nanoTime();
        return true;
    }

    /**
     * Retention, at each new cycle and every second: journals the files it is about to remove,
     * seals that event with a checkpoint, then removes them. Announcing first means a crash between
     * the two leaves files that were announced, never files gone without a signed word.
     */
    private void sweepIfDue(ExcerptAppender appender) {
        if (!retention.enabled()) {
            return;
        }
        long now = clock.currentTimeMillis();
        if (!retentionDue && now < nextRetentionCheckMillis) {
            return;
        }
        retentionDue = false;
        nextRetentionCheckMillis = now + RETENTION_CHECK_MILLIS;
        try {
            enterCycle(appender);
            RetentionSweeper.Sweep sweep = retention.plan(currentCycle, clock.currentTimeMillis());
            if (sweep == null) {
                return;
            }
            encoder.retention(nextSequence, EpochClock.nowNanos(), sweep.retainedFromCycle, sweep.fileNames(),
                    sweep.bytes, sweep.reason);
            if (!append(appender)) {
                return;
            }
            nextSequence++;
            checkpoint(appender);
            retention.delete(sweep, failures);
            queue.refreshDirectoryListing();
        } catch (Exception e) {
            failures.report(FailureReporter.Kind.RETENTION, e);
        }
    }

    /** Appends the encoded event; a failure is counted as a lost event and reported, never thrown. */
    private boolean append(ExcerptAppender appender) {
        if (write(appender)) {
            encoder.appended();
            lastAppendedSequence = encoder.encodedSequence();
            unsealedEvents++;
            appendedAny = true;
            return true;
        }
        counters.lostToWriteFailure.incrementAndGet();
        return false;
    }

    private boolean write(ExcerptAppender appender) {
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                dc.wire().bytes().write(encoder.array(), 0, encoder.length());
                progress.lazySet(++appendedRecords);
                return true;
            } catch (Throwable t) {
                // never leave a partial record behind: readers would see a corrupt one
                dc.rollbackOnClose();
                failures.report(FailureReporter.Kind.APPEND, t);
                return false;
            }
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.APPEND, t);
            return false;
        }
    }

    private static String implementationVersion() {
        String version = JournalWriter.class.getPackage().getImplementationVersion();
        return version == null ? "" : version;
    }
}
