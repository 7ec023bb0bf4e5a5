package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What the executor advice inlined into JDK classes calls: capture the submitter's chain context
 * into the task at submission, and keep the executors' identity-based APIs answering with the
 * application's own task objects.
 *
 * Every method is cheap and allocation-free when the submitting thread is outside any chain (the
 * task is handed back as it is) and never throws on its own; none blocks, except that the remove()
 * lookup walks the pool's queue, under the queue's own lock, just as the removal itself does. Off
 * (advice a no-op) until the executors module is installed, and again once it is uninstalled.
 */
public final class ContextPropagation {
    private static volatile boolean enabled;

    private ContextPropagation() {
    }

    /**
     * Loads and initialises every bridge class the executor advice reaches, before any executor
     * class is transformed: loading one from inside an instrumented executor method could recurse
     * into that very method, and the first task of a chain should not pay for class loading.
     */
    public static void preload() {
        ChainContext none = null;
        Runnable task = () -> { };
        new ContextRunnable(none, task).task();
        new ComparableContextRunnable(none, task).task();
        new ContextRunnableFuture<>(none, new FutureTask<>(task, null)).isDone();
        new ComparableContextRunnableFuture<>(none, new FutureTask<>(task, null)).isDone();
        new ContextCallable<>(none, () -> null).task();
        ForkJoinPropagation.preload();
        ForkJoinPropagation.exit(ForkJoinPropagation.suspend());
        StagePropagation.preload();
    }

    /** Starts capturing at submissions. */
    public static void enable() {
        enabled = true;
    }

    /**
     * Stops capturing (detach). Tasks already wrapped still run in their chain and put the worker's
     * context back, so nothing is left attached to a pooled thread.
     */
    public static void disable() {
        enabled = false;
        ForkJoinPropagation.clear();
        StagePropagation.clear();
    }

    public static boolean enabled() {
        return enabled;
    }

    /** The context to carry, or null when there is nothing to carry (off, or outside any chain). */
    static ChainContext capturable() {
        return enabled ? ContextHolder.current() : null;
    }

    /** {@code task}, carrying the current chain when there is one. */
    public static Runnable wrap(Runnable task) {
        ChainContext context = capturable();
        if (context == null || task == null || task instanceof ContextRunnable || isVirtualThreadMachinery(task)) {
            return task;
        }
        return wrap(context, task);
    }

    /**
     * For ThreadPoolExecutor.execute: as {@link #wrap(Runnable)}, except in a pool whose queue orders
     * tasks with a comparator. That comparator casts to the application's task type, so a wrapper
     * would make every submission fail; there the task goes unwrapped and runs outside any chain
     * (the worker's own context is none), which is the one place this propagation gives up.
     */
    public static Runnable wrapFor(ThreadPoolExecutor pool, Runnable task) {
        ChainContext context = capturable();
        if (context == null || task == null || task instanceof ContextRunnable || isVirtualThreadMachinery(task)
                || ordersWithComparator(pool)) {
            return task;
        }
        return wrap(context, task);
    }

    /**
     * The wrapper that keeps what the executor may rely on: a Future stays a Future (purge, cancel
     * after shutdownNow, afterExecute reading the outcome), a Comparable stays a Comparable that
     * orders as the task (priority queues).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Runnable wrap(ChainContext context, Runnable task) {
        boolean comparable = task instanceof Comparable;
        if (task instanceof RunnableFuture) {
            return comparable ? new ComparableContextRunnableFuture(context, (RunnableFuture) task)
                    : new ContextRunnableFuture(context, (RunnableFuture) task);
        }
        return comparable ? new ComparableContextRunnable(context, task) : new ContextRunnable(context, task);
    }

    private static boolean ordersWithComparator(ThreadPoolExecutor pool) {
        BlockingQueue<Runnable> queue = pool == null ? null : pool.getQueue();
        return queue instanceof PriorityBlockingQueue && ((PriorityBlockingQueue<?>) queue).comparator() != null;
    }

    /** {@code task}, carrying the current chain when there is one. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        ChainContext context = capturable();
        if (context == null || task == null || task instanceof ContextCallable) {
            return task;
        }
        return new ContextCallable<>(context, task);
    }

    /**
     * For invokeAll/invokeAny: the same tasks in the same order, each carrying the current chain, or
     * {@code tasks} itself outside any chain. Anything that is not a Callable (null included) is kept
     * as it is, so the executor still rejects it the way it always did.
     */
    public static Collection<?> wrapAll(Collection<?> tasks) {
        ChainContext context = capturable();
        if (context == null || tasks == null) {
            return tasks;
        }
        List<Object> wrapped = new ArrayList<>(tasks.size());
        for (Object task : tasks) {
            wrapped.add(task instanceof Callable && !(task instanceof ContextCallable)
                    ? new ContextCallable<>(context, (Callable<?>) task) : task);
        }
        return wrapped;
    }

    /**
     * For {@code ThreadPoolExecutor.remove(task)}: the object the pool actually queued for the
     * application's {@code task} (its wrapper), so removing what was executed still works.
     */
    public static Runnable queuedFormOf(ThreadPoolExecutor pool, Runnable task) {
        if (task == null || task instanceof ContextRunnable) {
            return task;
        }
        // O(queue), like the removal itself; only paid by callers of remove().
        for (Iterator<Runnable> queued = pool.getQueue().iterator(); queued.hasNext(); ) {
            Runnable candidate = queued.next();
            if (candidate instanceof ContextRunnable && ((ContextRunnable) candidate).task() == task) {
                return candidate;
            }
        }
        return task;
    }

    /** For {@code shutdownNow()}: hands back the application's tasks, not the wrappers, in place. */
    public static void unwrapAll(List<Runnable> drained) {
        if (drained == null) {
            return;
        }
        for (ListIterator<Runnable> tasks = drained.listIterator(); tasks.hasNext(); ) {
            Runnable task = tasks.next();
            if (task instanceof ContextRunnable) {
                tasks.set(((ContextRunnable) task).task());
            }
        }
    }

    /**
     * Called where a pool's worker thread starts its loop. A worker inherits the context of whatever
     * thread happened to create it (a submitter inside some chain); it is not that chain's thread,
     * so it starts outside any chain and each task brings its own.
     */
    public static void workerStarted() {
        if (enabled && ContextHolder.current() != null) {
            ContextHolder.attach(null);
        }
    }

    /**
     * The JDK's virtual-thread machinery (continuations, unparkers) goes through the same executors
     * as application tasks; the chain belongs to the virtual thread itself, which carries it, and
     * never to its carrier or timer threads.
     */
    static boolean isVirtualThreadMachinery(Object task) {
        return task.getClass().getName().startsWith("java.lang.VirtualThread");
    }
}
