package io.mandate.it.context;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An application that hands work to other threads inside reasoning chains opened with the public
 * API, and records (as observations) which chain each piece of work found itself in:
 * "planner@1" for the root chain, "researcher@2" for the chain it delegated to, "intruder@1" for an
 * unrelated chain, "none" outside any chain; ":tool" is appended when a step is open.
 *
 * Every pool has its workers started inside the unrelated chain first, the way a shared pool's
 * first users start them: a worker inherits its creator's context, so only propagation (never
 * inheritance) can make a task see the chain it was submitted in.
 */
public final class ChainPropagationApp {
    private static final List<String[]> CHAIN_NAMES = new ArrayList<>(); // chain id, name

    private ChainPropagationApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agent.attached", Mandate.agentAttached());
        ThreadPoolExecutor pool = startedInOtherChain((ThreadPoolExecutor) Executors.newFixedThreadPool(2));
        ScheduledThreadPoolExecutor scheduler = startedInOtherChain(new ScheduledThreadPoolExecutor(1));
        ForkJoinPool forkJoin = startedInOtherChain(new ForkJoinPool(2));
        startedInOtherChain(ForkJoinPool.commonPool());

        try (Chain root = open("planner")) {
            Observations.record("main", seen());
            Observations.record("tpe.submit", pool.submit(ChainPropagationApp::seen).get());
            Observations.record("stpe.schedule", scheduler.schedule(ChainPropagationApp::seen, 5, TimeUnit.MILLISECONDS).get());
            Observations.record("fjp.submit", forkJoin.submit(ChainPropagationApp::seen).get());
            Observations.record("fjp.fork-join", forkJoin.invoke(new SeenInLeaves(8)));
            Observations.record("common.fork", new SeenInLeaves(4).fork().join());
            Observations.record("parallel-stream", IntStream.range(0, 64).parallel().mapToObj(i -> seen())
                    .distinct().sorted().collect(Collectors.joining(",")));
            Observations.record("cf.supplyAsync", CompletableFuture.supplyAsync(ChainPropagationApp::seen).get());
            Observations.record("cf.stages", CompletableFuture.supplyAsync(ChainPropagationApp::seen, forkJoin)
                    .thenApplyAsync(first -> first + ">" + seen(), pool)
                    .thenApplyAsync(second -> second + ">" + seen()).get());
            // The model call's answer arrives on a library thread working for another chain.
            CompletableFuture<String> answer = new CompletableFuture<>();
            CompletableFuture<String> handled = answer.thenApply(value -> seen());
            CompletableFuture<String> handledAsync = answer.thenApplyAsync(value -> seen(), pool);
            completeInOtherChain(answer);
            Observations.record("cf.callback-stages", handled.get() + "," + handledAsync.get());
            Observations.record("thread.new", onNewThread(Thread::new));
            if (Runtime.version().feature() >= 21) {
                Observations.record("virtual.start", onNewThread(VirtualThreads::unstarted));
                ExecutorService perTask = VirtualThreads.perTaskExecutor();
                Observations.record("virtual.executor", perTask.submit(() -> {
                    Thread.sleep(5); // parks and resumes, maybe on another carrier
                    return seen();
                }).get());
                perTask.shutdown();
            }
            try (Step step = Mandate.openStep("lookup_customer", Mandate.digest("{\"id\":42}"))) {
                Observations.record("step.tpe", pool.submit(ChainPropagationApp::seen).get());
            }
            try (Chain child = Mandate.delegate("researcher", "find the customer")) {
                name(child, "researcher");
                Observations.record("delegated.tpe", pool.submit(ChainPropagationApp::seen).get());
                Observations.record("delegated.fjp", forkJoin.submit(ChainPropagationApp::seen).get());
                Observations.record("delegated.cf", CompletableFuture.supplyAsync(ChainPropagationApp::seen).get());
                try (Chain grandchild = Mandate.delegate("reviewer", "check the answer")) {
                    name(grandchild, "reviewer");
                    Observations.record("delegated-twice.fjp", forkJoin.submit(ChainPropagationApp::seen).get());
                }
                Observations.record("back-to-delegated.tpe", pool.submit(ChainPropagationApp::seen).get());
            }
            Observations.record("after-delegation.tpe", pool.submit(ChainPropagationApp::seen).get());
        }
        Observations.record("outside.main", seen());
        Observations.record("outside.tpe", pool.submit(ChainPropagationApp::seen).get());
        Observations.record("outside.stpe", scheduler.schedule(ChainPropagationApp::seen, 1, TimeUnit.MILLISECONDS).get());
        Observations.record("outside.fjp", forkJoin.submit(ChainPropagationApp::seen).get());
        Observations.record("outside.cf", CompletableFuture.supplyAsync(ChainPropagationApp::seen).get());
        Observations.record("outside.thread", onNewThread(Thread::new));
        pool.shutdown();
        scheduler.shutdown();
        forkJoin.shutdown();
    }

    private static Chain open(String agent) {
        Chain chain = Mandate.openChain(agent, "propagation test", "alice");
        name(chain, agent);
        return chain;
    }

    private static void name(Chain chain, String name) {
        synchronized (CHAIN_NAMES) {
            CHAIN_NAMES.add(new String[] {chain.id(), name});
        }
    }

    /** What the current thread is working for, in the app's own names. */
    static String seen() {
        MandateContext context = Mandate.current().orElse(null);
        if (context == null) {
            return "none";
        }
        String name = "unknown chain " + context.chainId();
        synchronized (CHAIN_NAMES) {
            for (String[] known : CHAIN_NAMES) {
                if (known[0].equals(context.chainId())) {
                    name = known[1];
                }
            }
        }
        return name + "@" + context.depth() + (context.tool().isEmpty() ? "" : ":" + context.tool());
    }

    private static String onNewThread(ThreadMaker maker) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = maker.make(() -> seen.set(seen()));
        thread.start();
        thread.join();
        return seen.get();
    }

    private interface ThreadMaker {
        Thread make(Runnable task) throws Exception;
    }

    private static <P extends ThreadPoolExecutor> P startedInOtherChain(P pool) throws Exception {
        inOtherChain(pool::prestartAllCoreThreads);
        return pool;
    }

    private static ForkJoinPool startedInOtherChain(ForkJoinPool pool) throws Exception {
        int workers = pool.getParallelism();
        CountDownLatch allStarted = new CountDownLatch(workers);
        inOtherChain(() -> {
            List<Future<?>> holders = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                holders.add(pool.submit(() -> {
                    allStarted.countDown();
                    allStarted.await(); // holds each worker until all exist
                    return null;
                }));
            }
            for (Future<?> holder : holders) {
                holder.get();
            }
            return null;
        });
        return pool;
    }

    private static void completeInOtherChain(CompletableFuture<String> future) throws Exception {
        Thread completer = new Thread(() -> {
            try {
                inOtherChain(() -> future.complete("answer"));
            } catch (Exception e) {
                future.completeExceptionally(e);
            }
        });
        completer.start();
        completer.join();
    }

    private static void inOtherChain(Callable<?> work) throws Exception {
        try (Chain other = open("intruder")) {
            work.call();
        }
    }

    /** Splits down to single elements, forking the left half: the distinct chains its leaves saw. */
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
}
