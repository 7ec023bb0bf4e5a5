package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.context.ContextPropagation;
import io.mandate.bootstrap.context.ForkJoinPropagation;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import net.bytebuddy.asm.Advice;

/** Advice inlined into ForkJoinPool (and so the common pool CompletableFuture uses). JDK and bootstrap types only. */
final class ForkJoinPoolAdvice {
    private ForkJoinPoolAdvice() {
    }

    /** execute/submit(Runnable[, result]): a ForkJoinTask stays itself, any other Runnable is wrapped. */
    static final class SubmitRunnable {
        private SubmitRunnable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ForkJoinPropagation.capture(pool, task);
        }
    }

    /** submit(Callable), schedule(Callable, ...), submitWithTimeout(Callable, ...). */
    static final class SubmitCallable {
        private SubmitCallable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool,
                          @Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            task = ForkJoinPropagation.capture(pool, task);
        }
    }

    /** invoke/execute/submit/externalSubmit/lazySubmit(ForkJoinTask). */
    static final class SubmitTask {
        private SubmitTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(0) ForkJoinTask<?> task) {
            ForkJoinPropagation.capture(pool, task);
        }
    }

    /**
     * schedule/scheduleAtFixedRate/scheduleWithFixedDelay(Runnable, ...) (JDK 19+): the pool runs the
     * command through its own delayed task by calling run(), so even a ForkJoinTask command is wrapped.
     */
    static final class ScheduleRunnable {
        private ScheduleRunnable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ForkJoinPropagation.wrapScheduled(pool, task);
        }
    }

    /** invokeAll/invokeAny(Collection): the pool adapts each Callable itself, out of reach of the hooks above. */
    static final class InvokeCollection {
        private InvokeCollection() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Collection<?> tasks) {
            tasks = ContextPropagation.wrapAll(tasks);
        }
    }

    /** runWorker(WorkQueue): a new worker starts outside any chain, whatever its creator was in. */
    static final class WorkerStart {
        private WorkerStart() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            ContextPropagation.workerStarted();
        }
    }

    /** The help loops (helpJoin, helpComplete, helpQuiesce*, helpAsyncBlocker, awaitQuiescence) run others' tasks. */
    static final class HelpLoop {
        private HelpLoop() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return ForkJoinPropagation.suspend();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            ForkJoinPropagation.exit(token);
        }
    }
}
