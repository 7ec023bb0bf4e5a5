package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chain context each pending fork-join task was submitted in, from submission until a thread
 * starts running it.
 *
 * A side table rather than a field on ForkJoinTask: java.util.concurrent is usually loaded before
 * the agent (always on late attach), and retransformation cannot add fields. Keys are weak and
 * compared by identity, so a task that is never run (cancelled, dropped at shutdown) does not pin
 * its result or the table; entries of collected tasks are swept when the table has grown past a
 * threshold that follows the live size, which keeps the table bounded by the tasks pending in a
 * chain. No ReferenceQueue: polling one takes a lock, and this runs inside submissions and task
 * execution of every pool.
 */
final class ForkJoinTaskContexts {
    private static final int FIRST_SWEEP_AT = 4096;

    private static final ConcurrentHashMap<Object, ChainContext> CONTEXTS = new ConcurrentHashMap<>();
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();
    private static volatile int sweepAt = FIRST_SWEEP_AT;

    private ForkJoinTaskContexts() {
    }

    static void remember(ForkJoinTask<?> task, ChainContext context) {
        CONTEXTS.put(new TaskKey(task), context);
        if (CONTEXTS.size() > sweepAt) {
            sweep();
        }
    }

    /** Removes and returns the task's context, or null when it was not submitted inside a chain. */
    static ChainContext take(ForkJoinTask<?> task) {
        // Nothing pending in any chain: the common case of a pool used outside chains costs one read.
        return CONTEXTS.isEmpty() ? null : CONTEXTS.remove(new Probe(task));
    }

    /** Loads the key classes and exercises the table once (see ContextPropagation.preload). */
    static void preload() {
        Object task = new Object();
        new TaskKey(task).equals(new Probe(task));
        CONTEXTS.remove(new Probe(task));
    }

    static void clear() {
        CONTEXTS.clear();
    }

    static int size() {
        return CONTEXTS.size();
    }

    private static void sweep() {
        if (!SWEEPING.compareAndSet(false, true)) {
            return; // another thread is at it; submissions never wait for a sweep
        }
        try {
            for (Iterator<Object> keys = CONTEXTS.keySet().iterator(); keys.hasNext(); ) {
                if (((TaskKey) keys.next()).get() == null) {
                    keys.remove();
                }
            }
            sweepAt = Math.max(FIRST_SWEEP_AT, CONTEXTS.size() * 2);
        } finally {
            SWEEPING.set(false);
        }
    }

    /** The stored key: weak, identity-hashed. Equal only to a probe or key naming the same live task. */
    private static final class TaskKey extends WeakReference<Object> {
        private final int hash;

        TaskKey(Object task) {
            super(task);
            this.hash = System.identityHashCode(task);
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object task = get();
            if (task == null) {
                return false;
            }
            return other instanceof TaskKey ? ((TaskKey) other).get() == task
                    : other instanceof Probe && ((Probe) other).task == task;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A strong, short-lived lookup key: cheaper than a WeakReference, which the GC must track. */
    private static final class Probe {
        private final Object task;

        Probe(Object task) {
            this.task = task;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TaskKey ? ((TaskKey) other).get() == task
                    : other instanceof Probe && ((Probe) other).task == task;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(task);
        }
    }
}
