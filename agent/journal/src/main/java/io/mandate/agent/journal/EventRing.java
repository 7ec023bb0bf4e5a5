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
 * A bounded multi-producer, single-consumer ring of preallocated {@link EventSlot}s.
 *
 * <p>A producer claims an index with one CAS on the producer index (failing when the ring is full
 * or sealed), fills the slot, then publishes it with a release store of the index into the slot.
 * The single consumer (the writer thread) reads a slot once its published index matches, and frees
 * it by advancing the consumer index. No locks, no allocation on the producer path.
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
            PUBLISHED_INDEX = lookup.findVarHandle(EventSlot.class, "publishedIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventSlot[] slots;
    private final int mask;
    private final int capacity;

    EventRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new EventSlot[capacity];
        this.producerLimit = capacity;
        for (int i = 0; i < capacity; i++) {
            slots[i] = new EventSlot();
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
            long limit = (long) PRODUCER_LIMIT.getOpaque(this);
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

    EventSlot slot(long index) {
        return slots[(int) index & mask];
    }

    void publish(long index) {
        PUBLISHED_INDEX.setRelease(slots[(int) index & mask], index);
    }

    /** The slot of {@code index} if a producer has published it, else null (writer thread only). */
    EventSlot published(long index) {
        EventSlot slot = slots[(int) index & mask];
        return (long) PUBLISHED_INDEX.getAcquire(slot) == index ? slot : null;
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
