package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.context.ContextPropagation;
import io.mandate.bootstrap.context.ForkJoinPropagation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge's wrappers and fork-join bookkeeping, called directly as the inlined advice calls them. */
class ContextWrappersTest {
    private static final ChainContext SUBMITTER = ChainContext.root("planner", "A", "answer", "alice");
    private static final ChainContext STALE = ChainContext.root("intruder", "B", "other", "bob");

    @BeforeEach
    void enable() {
        ContextPropagation.enable();
        ContextHolder.restore(null);
    }

    @AfterEach
    void disable() {
        ContextPropagation.disable();
        ContextHolder.restore(null);
    }

    @Test
    void outsideAnyChainTasksAreHandedBackAsTheyAre() {
        Runnable runnable = () -> { };
        Callable<String> callable = () -> "x";
        List<Callable<String>> callables = List.of(callable);
        assertSame(runnable, ContextPropagation.wrap(runnable));
        assertSame(callable, ContextPropagation.wrap(callable));
        assertSame(callables, ContextPropagation.wrapAll(callables));
    }

    @Test
    void whenDisabledNothingIsCapturedEvenInsideAChain() {
        ContextPropagation.disable();
        ContextHolder.attach(SUBMITTER);
        Runnable runnable = () -> { };
        assertSame(runnable, ContextPropagation.wrap(runnable));
    }

    @Test
    void aWrappedTaskRunsInTheSubmittersChainAndGivesTheWorkerItsOwnContextBack() throws Exception {
        AtomicReference<ChainContext> seen = new AtomicReference<>();
        ContextHolder.attach(SUBMITTER);
        Runnable wrapped = ContextPropagation.wrap(() -> seen.set(ContextHolder.current()));
        ContextHolder.restore(null);

        ChainContext afterRun = onThreadWithContext(STALE, () -> {
            wrapped.run();
            return ContextHolder.current();
        });

        assertSame(SUBMITTER, seen.get());
        assertSame(STALE, afterRun, "the worker's own context is put back");
    }

    @Test
    void aFailingTaskThrowsItsOwnExceptionAndStillRestoresTheWorkersContext() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom");
        ContextHolder.attach(SUBMITTER);
        Runnable failingRunnable = () -> {
            throw failure;
        };
        Callable<Object> failingCallable = () -> {
            throw failure;
        };
        Runnable runnable = ContextPropagation.wrap(failingRunnable);
        Callable<Object> callable = ContextPropagation.wrap(failingCallable);
        ContextHolder.restore(null);

        List<Object> outcome = onThreadWithContext(STALE, () -> {
            List<Object> thrownAndContext = new ArrayList<>();
            thrownAndContext.add(assertThrows(IllegalStateException.class, runnable::run));
            thrownAndContext.add(assertThrows(IllegalStateException.class, callable::call));
            thrownAndContext.add(ContextHolder.current());
            return thrownAndContext;
        });

        assertSame(failure, outcome.get(0));
        assertSame(failure, outcome.get(1));
        assertSame(STALE, outcome.get(2));
    }

    @Test
    void aTaskIsWrappedOnceAndAFutureStaysAFuture() throws Exception {
        ContextHolder.attach(SUBMITTER);
        FutureTask<String> future = new FutureTask<>(() -> "done");
        Runnable wrapped = ContextPropagation.wrap(future);
        assertSame(wrapped, ContextPropagation.wrap(wrapped));
        assertTrue(wrapped instanceof Future, "purge() and afterExecute look for futures in the queue");

        @SuppressWarnings("unchecked")
        Future<String> asFuture = (Future<String>) wrapped;
        assertTrue(asFuture.cancel(false));
        assertTrue(future.isCancelled(), "cancelling the queued form cancels the submitted task");
        assertTrue(asFuture.isCancelled());
        assertEquals(future.toString(), wrapped.toString());
    }

    @Test
    void invokeAllTasksKeepTheirOrderAndNonCallablesStayForTheExecutorToReject() throws Exception {
        ContextHolder.attach(SUBMITTER);
        List<Callable<String>> tasks = new ArrayList<>();
        tasks.add(() -> "first:" + ContextHolder.current().chainId());
        tasks.add(null);
        tasks.add(() -> "third:" + ContextHolder.current().chainId());
        Collection<?> wrapped = ContextPropagation.wrapAll(tasks);
        ContextHolder.restore(null);

        List<Object> results = new ArrayList<>();
        for (Object task : wrapped) {
            results.add(task == null ? null : ((Callable<?>) task).call());
        }
        assertEquals(java.util.Arrays.asList("first:A", null, "third:A"), results);
    }

    @Test
    void removeAndShutdownNowAnswerWithTheApplicationsTask() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            Runnable task = () -> { };
            ContextHolder.attach(SUBMITTER);
            Runnable queued = ContextPropagation.wrap(task);
            pool.getQueue().add(queued); // as execute() leaves it when the worker is busy
            assertSame(queued, ContextPropagation.queuedFormOf(pool, task));
            assertSame(queued, ContextPropagation.queuedFormOf(pool, queued));
            Runnable other = () -> { };
            assertSame(other, ContextPropagation.queuedFormOf(pool, other));

            List<Runnable> drained = new ArrayList<>(List.of(queued, other));
            ContextPropagation.unwrapAll(drained);
            assertEquals(List.of(task, other), drained);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForkJoinTaskRunsInTheChainItWasForkedInWhoeverRunsIt() throws Exception {
        AtomicReference<ChainContext> seen = new AtomicReference<>();
        RecursiveAction task = new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
                seen.set(ContextHolder.current());
            }
        };
        ContextHolder.attach(SUBMITTER);
        ForkJoinPropagation.capture(task);
        ContextHolder.restore(null);

        ChainContext afterExit = onThreadWithContext(STALE, () -> {
            Object token = ForkJoinPropagation.enter(task);
            task.invoke(); // the body, as doExec runs it
            ForkJoinPropagation.exit(token);
            return ContextHolder.current();
        });

        assertSame(SUBMITTER, seen.get());
        assertSame(STALE, afterExit);
        assertNull(ForkJoinPropagation.enter(task), "the context is handed out once, to the run it was captured for");
    }

    @Test
    void aTaskNobodyCapturedLeavesTheRunningThreadAlone() throws Exception {
        RecursiveAction task = new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
            }
        };
        ContextHolder.attach(STALE);
        Object token = ForkJoinPropagation.enter(task);
        ForkJoinPropagation.exit(token);
        assertNull(token);
        assertSame(STALE, ContextHolder.current());
    }

    @Test
    void helpLoopsRunOutsideTheHelpersChainAndGiveItBack() {
        ContextHolder.attach(SUBMITTER);
        Object token = ForkJoinPropagation.suspend();
        assertNull(ContextHolder.current());
        ForkJoinPropagation.exit(token);
        assertSame(SUBMITTER, ContextHolder.current());

        ContextHolder.restore(null);
        Object nothing = ForkJoinPropagation.suspend();
        ForkJoinPropagation.exit(nothing);
        assertNull(ContextHolder.current());
    }

    @Test
    void aNewWorkerDropsTheContextItInheritedFromItsCreator() throws Exception {
        ChainContext atLoopStart = onThreadWithContext(STALE, () -> {
            ContextPropagation.workerStarted();
            return ContextHolder.current();
        });
        assertNull(atLoopStart);
    }

    @Test
    void preloadingTouchesNoContext() {
        ContextHolder.attach(SUBMITTER);
        ContextPropagation.preload();
        assertSame(SUBMITTER, ContextHolder.current());
    }

    /** Runs {@code work} on a fresh thread that starts with {@code context}, like a stale pooled worker. */
    private static <T> T onThreadWithContext(ChainContext context, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            ContextHolder.attach(context);
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
