package io.mandate.agent.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Left padding so the producer index does not share a cache line with the object header or neighbours. */
abstract class EventRingPadLeft {
    long p01, p02, p03, p04, p05, p06, p07;
}

abstract class EventRingProducerIndex extends EventRingPadLeft {
    /** Next index to claim; {@link EventRing#SEALED} is or-ed in once the ring stops accepting. */
    volatile long producerIndex;
    /**
     * Producers may claim below this without reading the consumer index: a stale copy of
     * consumerIndex + capacity, so claims do not pull the writer's cache line on every call.
     */
    volatile long producerLimit;
}

abstract class EventRingPadMiddle extends EventRingProducerIndex {
    long p11, p12, p13, p14, p15, p16, p17;
}

abstract class EventRingConsumerIndex extends EventRingPadMiddle {
    /** Next index the writer will take; slots below it are free again. */
    volatile long consumerIndex;
}

abstract class EventRingPadRight extends EventRingConsumerIndex {
    long p21, p22, p23, p24, p25, p26, p27;
}

/**
 * A bounded multi-producer, single-consumer ring of events.
 *
 * <p>A producer claims an index with one CAS on the producer index (failing when the ring is full
 * or sealed), then publishes its event into the index's preallocated cell: one reference store,
 * then a release store of the index. The single consumer (the writer thread) takes an event once
 * its cell's published index matches, and frees cells by advancing the consumer index. No locks.
 *
 * <p>A call is filled into its cell's own {@link CallRecord} ({@link #recordOf}), which lives as
 * long as the ring, so a call allocates nothing for the journal. The cells live in the old
 * generation, and under G1 every reference stored into an old object costs a card-marking barrier
 * with a StoreLoad fence: copying a call's ~25 strings unconditionally paid it ~25 times per call,
 * more than allocating a young record. The record's setters therefore store only what changed
 * since the cell's previous lap, which for a steady workload is little. Other events (lifecycle,
 * copies of a caller's record) are published as fresh {@link EventSlot}s: one reference store.
 */
final class EventRing extends EventRingPadRight {
    static final long SEALED = 1L << 62;
    /** {@link #claim()} result: no free slot. */
    static final long FULL = -1;
    /** {@link #claim()} result: the ring is sealed (journal closing). */
    static final long CLOSED = -2;

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle PRODUCER_LIMIT;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle PUBLISHED_INDEX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(EventRingProducerIndex.class, "producerIndex", long.class);
            PRODUCER_LIMIT = lookup.findVarHandle(EventRingProducerIndex.class, "producerLimit", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(EventRingConsumerIndex.class, "consumerIndex", long.class);
            PUBLISHED_INDEX = lookup.findVarHandle(RingCell.class, "publishedIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RingCell[] slots;
    private final int mask;
    private final int capacity;

    EventRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new RingCell[capacity];
        this.producerLimit = capacity;
        for (int i = 0; i < capacity; i++) {
            slots[i] = new RingCell();
        }
    }

    int capacity() {
        return capacity;
    }

    /** Claims the next index, or returns {@link #FULL} or {@link #CLOSED}. */
    long claim() {
        for (;;) {
            long p = (long) PRODUCER_INDEX.getVolatile(this);
            if ((p & SEALED) != 0) {
                return CLOSED;
            }
            // acquire, not opaque: a claim may then fill the cell's record in place, and must see
            // the writer done with its previous lap (writer release -> producer acquire -> release -> here)
            long limit = (long) PRODUCER_LIMIT.getAcquire(this);
            if (p >= limit) {
                limit = (long) CONSUMER_INDEX.getAcquire(this) + capacity;
                if (p >= limit) {
                    return FULL;
                }
                PRODUCER_LIMIT.setRelease(this, limit); // racy but only ever a valid, maybe low, limit
            }
            if (PRODUCER_INDEX.compareAndSet(this, p, p + 1)) {
                return p;
            }
        }
    }

    /** Publishes the event of a claimed index (every claim must be published exactly once). */
    void publish(long index, Object event) {
        RingCell cell = slots[(int) index & mask];
        if (cell.event != event) { // the cell's own record is published lap after lap: no barrier then
            cell.event = event;
        }
        PUBLISHED_INDEX.setRelease(cell, index);
    }

    /**
     * The call record of a claimed index's cell, made on the cell's first use and filled in place on
     * every lap after (producer of that index only, until it publishes).
     */
    CallRecord recordOf(long index) {
        RingCell cell = slots[(int) index & mask];
        CallRecord record = cell.record;
        if (record == null) {
            record = new CallRecord();
            cell.record = record;
        }
        return record;
    }

    /**
     * The event of {@code index} if a producer has published it, else null (writer thread only): an
     * {@link EventSlot}, or a {@link CallRecord} its producer handed over.
     */
    Object published(long index) {
        RingCell cell = slots[(int) index & mask];
        return (long) PUBLISHED_INDEX.getAcquire(cell) == index ? cell.event : null;
    }

    /**
     * Drops the cell's reference to a written event, so the ring keeps no event alive (writer thread
     * only); the cell's own record stays, to be filled again.
     */
    void consumed(long index) {
        RingCell cell = slots[(int) index & mask];
        if (cell.event != cell.record) {
            cell.event = null;
        }
    }

    /** Frees every slot below {@code index} for producers (writer thread only, increasing). */
    void release(long index) {
        CONSUMER_INDEX.setRelease(this, index);
    }

    long consumerIndex() {
        return (long) CONSUMER_INDEX.getAcquire(this);
    }

    /** Every index below this has been claimed (some may still be being filled). */
    long claimedIndex() {
        return (long) PRODUCER_INDEX.getVolatile(this) & ~SEALED;
    }

    /** Stops further claims; returns the index below which every claim was granted. */
    long seal() {
        for (;;) {
            long p = (long) PRODUCER_INDEX.getVolatile(this);
            if ((p & SEALED) != 0 || PRODUCER_INDEX.compareAndSet(this, p, p | SEALED)) {
                return p & ~SEALED;
            }
        }
    }
}

/** One cell of the {@link EventRing}: the index it was last published for, and that index's event. */
final class RingCell {
    /** Accessed only through {@link EventRing}'s handle: the release store publishes {@link #event}. */
    long publishedIndex = -1;
    Object event;
    /** This cell's reusable call record ({@link EventRing#recordOf}); null until first claimed for one. */
    CallRecord record;
}
