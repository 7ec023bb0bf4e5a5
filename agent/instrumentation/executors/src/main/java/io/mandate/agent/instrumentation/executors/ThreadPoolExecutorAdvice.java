package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.context.ContextPropagation;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;

import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into ThreadPoolExecutor and ScheduledThreadPoolExecutor. JDK and bootstrap types
 * only: the code runs inside java.base. Every body suppresses its own failures, so an agent fault
 * leaves the executor working as if uninstrumented.
 */
final class ThreadPoolExecutorAdvice {
    private ThreadPoolExecutorAdvice() {
    }

    /** ThreadPoolExecutor.execute(Runnable), where submit/invokeAll/invokeAny end too. */
    static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool,
                          @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ContextPropagation.wrapFor(pool, task);
        }
    }

    /** ScheduledThreadPoolExecutor.schedule*(Runnable, ...), where its execute/submit end too. */
    static final class WrapRunnable {
        private WrapRunnable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ContextPropagation.wrap(task);
        }
    }

    /** ScheduledThreadPoolExecutor.schedule(Callable, ...). */
    static final class WrapCallable {
        private WrapCallable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            task = ContextPropagation.wrap(task);
        }
    }

    /** remove(Runnable): removing what was executed must find its wrapper in the queue. */
    static final class Remove {
        private Remove() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool,
                          @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ContextPropagation.queuedFormOf(pool, task);
        }
    }

    /** shutdownNow(): the caller gets back the tasks it submitted, not the wrappers. */
    static final class ShutdownNow {
        private ShutdownNow() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return List<Runnable> drained) {
            ContextPropagation.unwrapAll(drained);
        }
    }

    /** runWorker(Worker): a new worker starts outside any chain, whatever its creator was in. */
    static final class WorkerStart {
        private WorkerStart() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            ContextPropagation.workerStarted();
        }
    }
}
