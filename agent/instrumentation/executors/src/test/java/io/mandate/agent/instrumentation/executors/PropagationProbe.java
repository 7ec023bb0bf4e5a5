package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.mandate.agent.instrumentation.ModuleTransformer;
import io.mandate.agent.instrumentation.Transformations;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Runs in a forked JVM whose boot class path holds the bridge (as the agent jar puts it there),
 * installs the executors module the way the agent does (retransformation, no format changes) and
 * prints, per scenario, the context a task saw: "RESULT name value" on stderr, value being
 * "chainId@depth" or "none". The JUnit side holds the expectations.
 *
 * Pools and worker threads made before the install stand for an application running before the
 * agent: their classes were already loaded and get retransformed.
 */
public final class PropagationProbe {
    private static final ChainContext ROOT = ChainContext.root("planner", "A", "answer ticket", "alice");
    private static final ChainContext OTHER = ChainContext.root("intruder", "B", "other work", "bob");

    private PropagationProbe() {
    }

    public static void main(String[] args) throws Exception {
        // Workers started before the install run the old runWorker: they predate the agent.
        ThreadPoolExecutor early = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        early.prestartAllCoreThreads();
        ForkJoinPool earlyForkJoin = new ForkJoinPool(2);
        earlyForkJoin.submit(() -> { }).get();

        ExecutorsInstrumentationModule module = install(ByteBuddyAgent.getInstrumentation());

        report("early-pool.execute", inChain(ROOT, () -> observeOn(early::execute)));
        report("early-forkjoin.execute", inChain(ROOT, () -> observeOn(earlyForkJoin::execute)));
        threadPoolExecutor();
        scheduledThreadPoolExecutor();
        forkJoinPool();
        completableFuture();
        threads();
        staleWorkers();
        identityAndExceptions();
        priorityQueues();

        module.uninstall();
        ThreadPoolExecutor afterUninstall = startedInOtherChain(
                new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>()));
        report("uninstalled.tpe", inChain(ROOT, () -> afterUninstall.submit(PropagationProbe::seen).get()));
        afterUninstall.shutdown();
        early.shutdown();
        earlyForkJoin.shutdown();
    }

    private static ExecutorsInstrumentationModule install(Instrumentation instrumentation) {
        Module bridge = ContextHolder.class.getModule();
        for (Module module : ModuleLayer.boot().modules()) {
            if (!module.canRead(bridge)) {
                instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
        Transformations rules = new Transformations();
        ExecutorsInstrumentationModule module = new ExecutorsInstrumentationModule();
        module.install(rules, null);
        new ModuleTransformer(List.of(rules), (name, loader) -> false, ModuleTransformer.TypePools.UNSHARED,
                (typeName, error) -> System.err.println("transforming " + typeName + ": " + error))
                .installOn(instrumentation);
        return module;
    }

    private static void threadPoolExecutor() throws Exception {
        ThreadPoolExecutor pool = startedInOtherChain((ThreadPoolExecutor) Executors.newFixedThreadPool(2));
        report("tpe.execute", inChain(ROOT, () -> observeOn(pool::execute)));
        report("tpe.submit", inChain(ROOT, () -> pool.submit(PropagationProbe::seen).get()));
        report("tpe.invokeAll", inChain(ROOT, () -> pool.invokeAll(List.of(PropagationProbe::seen)).get(0).get()));
        report("tpe.invokeAny", inChain(ROOT, () -> pool.invokeAny(List.of(PropagationProbe::seen))));
        report("tpe.outside", pool.submit(PropagationProbe::seen).get());
        ChainContext child = ROOT.child("researcher", "C", "find the customer");
        report("tpe.delegated", inChain(child, () -> pool.submit(PropagationProbe::seen).get()));
        ExecutorService single = Executors.newSingleThreadExecutor();
        report("single.submit", inChain(ROOT, () -> single.submit(PropagationProbe::seen).get()));
        // its worker was created inside chain A, by the submission above
        report("single.after-chain-task", single.submit(PropagationProbe::seen).get());
        pool.shutdown();
        single.shutdown();
    }

    private static void scheduledThreadPoolExecutor() throws Exception {
        ScheduledThreadPoolExecutor scheduler = startedInOtherChain(new ScheduledThreadPoolExecutor(1));
        report("stpe.schedule-runnable", inChain(ROOT, () -> {
            AtomicReference<String> seen = new AtomicReference<>();
            scheduler.schedule(() -> seen.set(seen()), 5, TimeUnit.MILLISECONDS).get();
            return seen.get();
        }));
        report("stpe.schedule-callable",
                inChain(ROOT, () -> scheduler.schedule(PropagationProbe::seen, 5, TimeUnit.MILLISECONDS).get()));
        report("stpe.execute", inChain(ROOT, () -> observeOn(scheduler::execute)));
        report("stpe.fixed-rate", inChain(ROOT, () -> {
            List<String> runs = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch three = new CountDownLatch(3);
            ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(() -> {
                runs.add(seen());
                three.countDown();
            }, 0, 2, TimeUnit.MILLISECONDS);
            three.await();
            periodic.cancel(false);
            return String.join(",", runs.subList(0, 3));
        }));
        report("stpe.outside", scheduler.schedule(PropagationProbe::seen, 1, TimeUnit.MILLISECONDS).get());
        scheduler.shutdown();
    }

    private static void forkJoinPool() throws Exception {
        ForkJoinPool pool = startedInOtherChain(new ForkJoinPool(2));
        startedInOtherChain(ForkJoinPool.commonPool());
        report("fjp.execute-runnable", inChain(ROOT, () -> observeOn(pool::execute)));
        report("fjp.submit-callable", inChain(ROOT, () -> pool.submit(PropagationProbe::seen).get()));
        report("fjp.invokeAll", inChain(ROOT, () -> pool.invokeAll(List.of(PropagationProbe::seen)).get(0).get()));
        report("fjp.invoke-recursive", inChain(ROOT, () -> pool.invoke(new SeenInLeaves(8))));
        report("fjp.outside-recursive", pool.invoke(new SeenInLeaves(8)));
        report("common.fork", inChain(ROOT, () -> new SeenInLeaves(4).fork().join()));
        report("parallel-stream", inChain(ROOT, () -> IntStream.range(0, 64).parallel()
                .mapToObj(i -> seen()).distinct().sorted().collect(Collectors.joining(","))));
        if (pool instanceof java.util.concurrent.ScheduledExecutorService) { // JDK 25: fork-join pools schedule too
            java.util.concurrent.ScheduledExecutorService scheduling = (java.util.concurrent.ScheduledExecutorService) pool;
            report("fjp.schedule-callable", inChain(ROOT,
                    () -> scheduling.schedule(PropagationProbe::seen, 5, TimeUnit.MILLISECONDS).get()));
            report("fjp.schedule-runnable", inChain(ROOT, () -> {
                AtomicReference<String> seen = new AtomicReference<>();
                scheduling.schedule(() -> seen.set(seen()), 5, TimeUnit.MILLISECONDS).get();
                return seen.get();
            }));
            report("fjp.schedule-outside", scheduling.schedule(PropagationProbe::seen, 1, TimeUnit.MILLISECONDS).get());
        }
        // A ForkJoinTask handed over as a Runnable stays that very task: submit returns it, join works.
        report("fjp.task-as-runnable", inChain(ROOT, () -> {
            RunnableTask task = new RunnableTask();
            Future<?> future = pool.submit((Runnable) task);
            task.join();
            return (future == task) + ":" + task.seen;
        }));
        pool.shutdown();
    }

    private static void completableFuture() throws Exception {
        ExecutorService executor = startedInOtherChain((ThreadPoolExecutor) Executors.newFixedThreadPool(2));
        ForkJoinPool forkJoin = startedInOtherChain(new ForkJoinPool(2));
        report("cf.supplyAsync-default", inChain(ROOT, () -> CompletableFuture.supplyAsync(PropagationProbe::seen).get()));
        report("cf.supplyAsync-forkjoin",
                inChain(ROOT, () -> CompletableFuture.supplyAsync(PropagationProbe::seen, forkJoin).get()));
        report("cf.runAsync-executor", inChain(ROOT, () -> {
            AtomicReference<String> seen = new AtomicReference<>();
            CompletableFuture.runAsync(() -> seen.set(seen()), executor).get();
            return seen.get();
        }));
        report("cf.thenApplyAsync-chain", inChain(ROOT, () -> CompletableFuture.supplyAsync(PropagationProbe::seen, forkJoin)
                .thenApplyAsync(first -> first + ">" + seen(), executor)
                .thenApplyAsync(second -> second + ">" + seen(), forkJoin)
                .thenApplyAsync(third -> third + ">" + seen()).get()));
        report("cf.outside", CompletableFuture.supplyAsync(PropagationProbe::seen, forkJoin).get());
        // Stages composed in chain A whose source another chain's thread completes (a library callback).
        report("cf.sync-stage-completed-elsewhere", inChain(ROOT, () -> {
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> stage = source.thenApply(value -> seen());
            completeInOtherChain(source);
            return stage.get();
        }));
        report("cf.async-stage-completed-elsewhere", inChain(ROOT, () -> {
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> onPool = source.thenApplyAsync(value -> seen(), executor);
            CompletableFuture<String> onForkJoin = source.thenApplyAsync(value -> seen(), forkJoin);
            completeInOtherChain(source);
            return onPool.get() + "," + onForkJoin.get();
        }));
        report("cf.combined-stage-completed-elsewhere", inChain(ROOT, () -> {
            CompletableFuture<String> left = new CompletableFuture<>();
            CompletableFuture<String> right = new CompletableFuture<>();
            CompletableFuture<String> both = left.thenCombine(right, (l, r) -> seen());
            CompletableFuture<String> either = left.applyToEither(right, value -> seen());
            completeInOtherChain(left);
            completeInOtherChain(right);
            return both.get() + "," + either.get();
        }));
        report("cf.composed-in-delegated-chain", inChain(ROOT.child("researcher", "C", "find"), () -> {
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> stage = source.thenCompose(value -> CompletableFuture.supplyAsync(
                    PropagationProbe::seen, forkJoin)).whenComplete((value, error) -> { }).thenApply(value -> value + ">" + seen());
            completeInOtherChain(source);
            return stage.get();
        }));
        executor.shutdown();
        forkJoin.shutdown();
    }

    private static void threads() throws Exception {
        report("thread.new", inChain(ROOT, () -> {
            AtomicReference<String> seen = new AtomicReference<>();
            Thread thread = new Thread(() -> seen.set(seen()));
            thread.start();
            thread.join();
            return seen.get();
        }));
        if (Runtime.version().feature() >= 21) {
            report("virtual.start", inChain(ROOT, () -> {
                AtomicReference<String> seen = new AtomicReference<>();
                Thread thread = VirtualThreads.start(() -> seen.set(seen()));
                thread.join();
                return seen.get();
            }));
            ExecutorService perTask = VirtualThreads.perTaskExecutor();
            report("virtual.executor", inChain(ROOT, () -> perTask.submit(PropagationProbe::seen).get()));
            report("virtual.executor-outside", perTask.submit(PropagationProbe::seen).get());
            // Virtual threads that park and resume inside a chain keep it, and their carriers never get one.
            report("virtual.park-resume", inChain(ROOT, () -> {
                List<Future<String>> sleepers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    sleepers.add(perTask.submit(() -> {
                        Thread.sleep(5);
                        return seen();
                    }));
                }
                StringBuilder others = new StringBuilder();
                for (Future<String> sleeper : sleepers) {
                    others.append(sleeper.get().equals("A@1") ? "" : sleeper.get() + ";");
                }
                return others.length() == 0 ? "A@1" : others.toString();
            }));
            perTask.shutdown();
        }
    }

    /** A worker created inside one chain must not run later tasks (submitted outside any) in that chain. */
    private static void staleWorkers() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        inChain(OTHER, () -> pool.submit(() -> { }).get()); // creates the worker inside chain B
        report("stale.tpe-outside", pool.submit(PropagationProbe::seen).get());
        report("stale.tpe-execute-outside", observeOn(pool::execute));
        report("stale.tpe-chain", inChain(ROOT, () -> pool.submit(PropagationProbe::seen).get()));
        ForkJoinPool forkJoin = new ForkJoinPool(1);
        inChain(OTHER, () -> forkJoin.submit(() -> { }).get());
        report("stale.fjp-outside", forkJoin.submit(PropagationProbe::seen).get());
        report("stale.fjp-chain", inChain(ROOT, () -> forkJoin.submit(PropagationProbe::seen).get()));
        pool.shutdown();
        forkJoin.shutdown();
    }

    private static void identityAndExceptions() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release)); // keeps the only worker busy: what follows stays queued
        Runnable queued = () -> { };
        report("tpe.remove", inChain(ROOT, () -> {
            pool.execute(queued);
            return String.valueOf(pool.remove(queued));
        }));
        Runnable drained = () -> { };
        inChain(ROOT, () -> {
            pool.execute(drained);
            return null;
        });
        Future<?> cancelled = inChain(ROOT, () -> pool.submit(() -> { }));
        cancelled.cancel(false);
        pool.purge();
        report("tpe.purge", pool.getQueue().size());
        List<Runnable> left = pool.shutdownNow();
        report("tpe.shutdownNow", left.size() + ":" + (left.get(0) == drained));
        release.countDown();

        IllegalStateException thrown = new IllegalStateException("boom");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        report("exception.callable", inChain(ROOT, () -> {
            try {
                executor.submit(() -> {
                    throw thrown;
                }).get();
                return "no exception";
            } catch (ExecutionException e) {
                return String.valueOf(e.getCause() == thrown);
            }
        }));
        ForkJoinPool forkJoin = new ForkJoinPool(1);
        report("exception.forkjoin", inChain(ROOT, () -> {
            ForkJoinTask<?> task = forkJoin.submit(() -> {
                throw thrown;
            });
            try {
                task.get();
                return "no exception";
            } catch (ExecutionException e) {
                return String.valueOf(e.getCause() == thrown || e.getCause().getCause() == thrown);
            }
        }));
        report("exception.context-restored", seen());
        executor.shutdown();
        forkJoin.shutdown();
    }

    /**
     * Starts the pool's workers inside chain B, as the first submissions of a shared pool would: they
     * inherit B, so a task that sees A got it from propagation, and one that sees B got a leak.
     */
    private static <P extends ThreadPoolExecutor> P startedInOtherChain(P pool) throws Exception {
        inChain(OTHER, pool::prestartAllCoreThreads);
        return pool;
    }

    private static ForkJoinPool startedInOtherChain(ForkJoinPool pool) throws Exception {
        int workers = pool.getParallelism();
        CountDownLatch allStarted = new CountDownLatch(workers);
        inChain(OTHER, () -> {
            List<Future<?>> holders = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                holders.add(pool.submit(() -> {
                    allStarted.countDown();
                    awaitQuietly(allStarted); // holds each worker until all exist
                }));
            }
            for (Future<?> holder : holders) {
                holder.get();
            }
            return null;
        });
        return pool;
    }

    /**
     * Pools that order their queue: by the tasks' natural order (wrappers must order as their tasks)
     * and by a comparator (which casts to the task type: tasks go unwrapped, never fail).
     */
    private static void priorityQueues() throws Exception {
        ThreadPoolExecutor natural = startedInOtherChain(new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
                new java.util.concurrent.PriorityBlockingQueue<>()));
        report("priority.natural-order", inChain(ROOT, () -> runInPriorityOrder(natural)));
        ThreadPoolExecutor byComparator = startedInOtherChain(new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
                new java.util.concurrent.PriorityBlockingQueue<Runnable>(4,
                        java.util.Comparator.comparingInt(task -> ((PriorityTask) task).priority))));
        report("priority.comparator", inChain(ROOT, () -> runInPriorityOrder(byComparator)));
        natural.shutdown();
        byComparator.shutdown();
    }

    /** Queues three tasks behind a blocker, lowest priority first: what they saw, in the order they ran. */
    private static String runInPriorityOrder(ThreadPoolExecutor pool) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(4);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        pool.execute(new PriorityTask(0, () -> awaitQuietly(release), done));
        pool.execute(new PriorityTask(3, () -> ran.add("low:" + seen()), done));
        pool.execute(new PriorityTask(2, () -> ran.add("mid:" + seen()), done));
        pool.execute(new PriorityTask(1, () -> ran.add("high:" + seen()), done));
        release.countDown();
        if (!done.await(10, TimeUnit.SECONDS)) {
            return "tasks never ran";
        }
        return String.join(",", ran);
    }

    /** A task of a priority pool: lower runs first. */
    private static final class PriorityTask implements Runnable, Comparable<PriorityTask> {
        final int priority;
        private final Runnable body;
        private final CountDownLatch done;

        PriorityTask(int priority, Runnable body, CountDownLatch done) {
            this.priority = priority;
            this.body = body;
            this.done = done;
        }

        @Override
        public void run() {
            body.run();
            done.countDown();
        }

        @Override
        public int compareTo(PriorityTask other) {
            return Integer.compare(priority, other.priority);
        }
    }

    /** Completes {@code source} from a thread working for chain B, as a callback of another chain would. */
    private static void completeInOtherChain(CompletableFuture<String> source) throws InterruptedException {
        Thread completer = new Thread(() -> {
            ContextHolder.attach(OTHER);
            source.complete("value");
        });
        completer.start();
        completer.join();
    }

    /** Runs {@code work} with {@code context} attached, as Mandate.openChain does, and detaches after. */
    private static <T> T inChain(ChainContext context, Callable<T> work) throws Exception {
        ChainContext previous = ContextHolder.attach(context);
        try {
            return work.call();
        } finally {
            ContextHolder.restore(previous);
        }
    }

    private static String observeOn(java.util.concurrent.Executor executor) throws InterruptedException {
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(() -> {
            seen.add(seen());
            done.countDown();
        });
        if (!done.await(10, TimeUnit.SECONDS)) {
            return "task never ran";
        }
        return seen.peek();
    }

    static String seen() {
        ChainContext context = ContextHolder.current();
        return context == null ? "none" : context.chainId() + "@" + context.depth();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(String scenario, Object observed) {
        System.err.println("RESULT " + scenario + " " + observed);
    }

    /** Splits until leaves of one element, forks the left half: the distinct contexts its leaves saw. */
    private static final class SeenInLeaves extends RecursiveTask<String> {
        private static final long serialVersionUID = 1L;
        private final int size;

        SeenInLeaves(int size) {
            this.size = size;
        }

        @Override
        protected String compute() {
            if (size == 1) {
                return seen();
            }
            SeenInLeaves left = new SeenInLeaves(size / 2);
            left.fork();
            String right = new SeenInLeaves(size - size / 2).compute();
            String joined = left.join();
            return joined.equals(right) ? right : joined + "|" + right;
        }
    }

    /** Like CompletableFuture's async tasks: a ForkJoinTask that is also a Runnable. */
    private static final class RunnableTask extends ForkJoinTask<Void> implements Runnable {
        private static final long serialVersionUID = 1L;
        volatile String seen = "not run";

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
        }

        @Override
        protected boolean exec() {
            seen = seen();
            return true;
        }

        @Override
        public void run() {
            invoke();
        }
    }
}
