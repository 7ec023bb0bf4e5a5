package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Context propagation for fork-join pools, parallel streams and CompletableFuture's supplyAsync and
 * runAsync tasks (fork-join tasks too; dependent stages: {@link StagePropagation}). A fork-join task
 * is never wrapped: callers join, cancel and identify the very
 * task they forked, and a pool given a ForkJoinTask as a Runnable must still run it as that task.
 * Instead its context is remembered at submission and set around its body
 * ({@code ForkJoinTask.doExec}), by whichever thread runs it: a worker, a thief, or a joiner that
 * helps.
 *
 * A task with no remembered context runs in the context of the thread that runs it. That is right
 * for a task the caller runs itself ({@code invoke()}, {@code invokeAll}), and right for a worker's
 * top-level loop, which runs outside any chain. The remaining case, a worker that steals a foreign
 * task while it waits for a join inside a chain, is handled by running the pool's help loops outside
 * any chain ({@link #suspend()}).
 */
public final class ForkJoinPropagation {
    /** Tasks submitted or forked inside a chain, until they start running. */
    private static final TaskContextTable PENDING = new TaskContextTable();

    private ForkJoinPropagation() {
    }

    /** At {@code fork()}: remembers the current chain for the task. */
    public static void capture(ForkJoinTask<?> task) {
        ChainContext context = ContextPropagation.capturable();
        if (context != null && task != null) {
            PENDING.remember(task, context);
        }
    }

    /** At a pool's ForkJoinTask submission methods. */
    public static void capture(ForkJoinPool pool, ForkJoinTask<?> task) {
        ChainContext context = ContextPropagation.capturable();
        if (context != null && task != null && !isVirtualThreadScheduler(pool)) {
            PENDING.remember(task, context);
        }
    }

    /**
     * At a pool's Runnable submission methods: a ForkJoinTask passed as a Runnable (as
     * CompletableFuture does) stays itself and is remembered; any other Runnable is wrapped.
     */
    public static Runnable capture(ForkJoinPool pool, Runnable task) {
        ChainContext context = ContextPropagation.capturable();
        if (context == null || task == null || task instanceof ContextRunnable || isVirtualThreadScheduler(pool)) {
            return task;
        }
        if (task instanceof ForkJoinTask) {
            PENDING.remember((ForkJoinTask<?>) task, context);
            return task;
        }
        return ContextPropagation.wrap(context, task);
    }

    /**
     * At a pool's schedule methods (JDK 19+): the pool's own delayed task calls {@code run()} on the
     * command, so the command is wrapped even when it is a ForkJoinTask.
     */
    public static Runnable wrapScheduled(ForkJoinPool pool, Runnable task) {
        ChainContext context = ContextPropagation.capturable();
        if (context == null || task == null || task instanceof ContextRunnable || isVirtualThreadScheduler(pool)) {
            return task;
        }
        return ContextPropagation.wrap(context, task);
    }

    /** At a pool's Callable submission methods. */
    public static <V> Callable<V> capture(ForkJoinPool pool, Callable<V> task) {
        ChainContext context = ContextPropagation.capturable();
        if (context == null || task == null || task instanceof ContextCallable || isVirtualThreadScheduler(pool)) {
            return task;
        }
        return new ContextCallable<>(context, task);
    }

    /** Before a task's body runs: attaches the context it was submitted in, if any. Returns the token for {@link #exit}. */
    public static Object enter(ForkJoinTask<?> task) {
        ChainContext context = PENDING.take(task);
        return context == null ? ContextScopes.NOT_ATTACHED : ContextScopes.attach(context);
    }

    /** After a task's body (or a help loop): puts back what {@link #enter} or {@link #suspend} replaced. */
    public static void exit(Object token) {
        ContextScopes.restore(token);
    }

    /**
     * Entering a pool's help loop (helpJoin, helpComplete, helpQuiesce, helpAsyncBlocker,
     * awaitQuiescence): the thread runs other submitters' tasks there, so it leaves its chain until
     * the loop returns; each task it runs brings its own context. Returns the token for {@link #exit}.
     */
    public static Object suspend() {
        if (!ContextPropagation.enabled() || ContextHolder.current() == null) {
            return ContextScopes.NOT_ATTACHED;
        }
        return ContextScopes.attach(null);
    }

    static void preload() {
        PENDING.preload();
    }

    static void clear() {
        PENDING.clear();
    }

    /** The pool that runs virtual threads' continuations: its submissions are JDK machinery, never a chain's work. */
    private static boolean isVirtualThreadScheduler(ForkJoinPool pool) {
        return pool != null && ContextPropagation.isVirtualThreadMachinery(pool.getFactory());
    }
}
