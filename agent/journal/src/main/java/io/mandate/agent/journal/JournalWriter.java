package io.mandate.agent.journal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The body of the "mandate-journal-writer" thread: drains the ring into the Chronicle queue, the
 * only code that touches the disk. It writes a journal.open event first, a journal.gap event as soon
 * as it sees that events were lost, and a journal.close event when asked to stop.
 */
final class JournalWriter implements Runnable {
    /** Events written between two looks at the loss counter and the stop flag. */
    private static final int BATCH = 256;
    /** Busy polls before the first park: cheap insurance against parking between two bursts. */
    private static final int IDLE_SPINS = 64;
    private static final long FIRST_PARK_NANOS = 10_000;
    private static final long UNPUBLISHED_SLOT_PATIENCE_NANOS = 2_000_000_000L;

    private final SingleChronicleQueue queue;
    private final EventRing ring;
    private final EventEncoder encoder;
    private final JournalCounters counters;
    private final FailureReporter failures;
    private final long maxParkNanos;
    private final String writerId;
    private final String rollCycle;
    private final RunKey runKey;
    private final byte[] operatorCertificate;
    private final long checkpointEvents;
    private final long checkpointIntervalNanos;

    private volatile boolean stopRequested;
    private long nextSequence;
    /** Next ring index to take; the ring's consumer index trails it by at most one batch. */
    private long cursor;
    private long written;
    private int currentCycle = Integer.MIN_VALUE;
    private long reportedLost;
    /** Events appended since the last checkpoint, and the sequence of the last one. */
    private long unsealedEvents;
    private long lastAppendedSequence;
    private long lastCheckpointNanos = System.nanoTime();

    JournalWriter(SingleChronicleQueue queue, EventRing ring, JournalCounters counters, FailureReporter failures,
                  long maxParkNanos, String writerId, String rollCycle, RunKey runKey, byte[] operatorCertificate,
                  long checkpointEvents, long checkpointIntervalNanos) {
        this.runKey = runKey;
        this.operatorCertificate = operatorCertificate;
        this.checkpointEvents = checkpointEvents;
        this.checkpointIntervalNanos = checkpointIntervalNanos;
        this.queue = queue;
        this.ring = ring;
        this.counters = counters;
        this.failures = failures;
        this.maxParkNanos = maxParkNanos;
        this.writerId = writerId;
        this.rollCycle = rollCycle;
        // the tag tells apart writers that share a pid: two journals of one JVM, or containers
        // where every JVM is pid 1 and a restarted agent follows a crashed one
        this.encoder = new EventEncoder((int) ProcessHandle.current().pid(), ThreadLocalRandom.current().nextInt());
    }

    void requestStop() {
        stopRequested = true;
    }

    @Override
    public void run() {
        try (ExcerptAppender appender = queue.createAppender()) {
            runKey.warmUp();
            encoder.open(nextSequence, EpochClock.nowNanos(), writerId, System.getProperty("java.version"),
                    rollCycle, ring.capacity(), implementationVersion(), runKey.publicKeyEncoded(), operatorCertificate);
            if (append(appender)) {
                nextSequence++;
            }
            drainUntilStopped(appender);
            drainRemainder(appender);
            reportLost(appender);
            encoder.close(nextSequence, EpochClock.nowNanos(), written, counters.lost());
            append(appender);
            // the last checkpoint seals journal.close: a closed writer's whole chain is signed
            checkpoint(appender);
        } catch (Throwable t) {
            failures.report(FailureReporter.Kind.WRITER, t);
        } finally {
            try {
                queue.close();
            } catch (Throwable t) {
                failures.report(FailureReporter.Kind.CLOSE, t);
            }
        }
    }

    private void drainUntilStopped(ExcerptAppender appender) {
        int idleSpins = 0;
        long parkNanos = FIRST_PARK_NANOS;
        while (!stopRequested) {
            reportLost(appender);
            checkpointIfDue(appender);
            if (drain(appender, BATCH) > 0) {
                idleSpins = 0;
                parkNanos = FIRST_PARK_NANOS;
            } else if (idleSpins < IDLE_SPINS) {
                idleSpins++;
                Thread.onSpinWait();
            } else {
                // bounded park, no wake-up from producers: their path stays free of syscalls
                LockSupport.parkNanos(this, parkNanos);
                parkNanos = Math.min(parkNanos * 2, maxParkNanos);
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
        EventSlot slot;
        while (n < max && (slot = ring.published(cursor)) != null) {
            if (slot.type != EventSlot.TYPE_FAILED_COPY) {
                int cycle = queue.cycle();
                if (cycle != currentCycle) {
                    // a new file starts with full calls: readers that start at a file need nothing older
                    encoder.forceKeyframe();
                    currentCycle = cycle;
                }
                encoder.slot(nextSequence, slot);
                if (append(appender)) {
                    nextSequence++;
                    written++;
                    if (slot.type == JournalFormat.TYPE_CALL) {
                        encoder.callAppended(slot);
                    }
                    if (unsealedEvents >= checkpointEvents) {
                        checkpoint(appender);
                    }
                } else {
                    encoder.forceKeyframe();
                }
            }
            slot.clear();
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

    /** Appends the encoded event; a failure is counted as a lost event and reported, never thrown. */
    private boolean append(ExcerptAppender appender) {
        if (write(appender)) {
            encoder.appended();
            lastAppendedSequence = encoder.encodedSequence();
            unsealedEvents++;
            return true;
        }
        counters.lostToWriteFailure.incrementAndGet();
        return false;
    }

    private boolean write(ExcerptAppender appender) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(encoder.array(), 0, encoder.length());
            return true;
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
