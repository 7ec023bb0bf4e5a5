package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chain context tasks were given when they were submitted or composed inside a chain, kept
 * beside the tasks rather than in them: java.util.concurrent is usually loaded before the agent
 * (always on late attach), and retransformation cannot add fields.
 *
 * Keys are weak and compared by identity, so a task that never runs (cancelled, dropped at
 * shutdown) pins neither its result nor the table; entries of collected tasks are swept when the
 * table has grown past a threshold that follows its live size, which keeps it bounded by the tasks
 * alive in chains. No ReferenceQueue: polling one takes a lock, and this runs inside submissions and
 * task execution of every pool.
 */
final class TaskContextTable {
    private static final int FIRST_SWEEP_AT = 4096;

    private final ConcurrentHashMap<Object, ChainContext> contexts = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int sweepAt = FIRST_SWEEP_AT;

    void remember(Object task, ChainContext context) {
        contexts.put(new TaskKey(task), context);
        if (contexts.size() > sweepAt) {
            sweep();
        }
    }

    /** Removes and returns the task's context, or null when it has none. */
    ChainContext take(Object task) {
        // Nothing remembered in any chain: the common case of tasks outside chains costs one read.
        return contexts.isEmpty() ? null : contexts.remove(new Probe(task));
    }

    /** The task's context, kept for its next run, or null when it has none. */
    ChainContext peek(Object task) {
        return contexts.isEmpty() ? null : contexts.get(new Probe(task));
    }

    /** Loads the key classes and exercises the table once (see ContextPropagation.preload). */
    void preload() {
        Object task = new Object();
        new TaskKey(task).equals(new Probe(task));
        contexts.remove(new Probe(task));
    }

    void clear() {
        contexts.clear();
    }

    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return; // another thread is at it; submissions never wait for a sweep
        }
        try {
            for (Iterator<Object> keys = contexts.keySet().iterator(); keys.hasNext(); ) {
                if (((TaskKey) keys.next()).get() == null) {
                    keys.remove();
                }
            }
            sweepAt = Math.max(FIRST_SWEEP_AT, contexts.size() * 2);
        } finally {
            sweeping.set(false);
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
