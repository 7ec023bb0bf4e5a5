package io.mandate.agent.instrumentation.executors;

import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.bootstrap.context.ContextPropagation;

import java.util.Collection;
import java.util.concurrent.Callable;

import io.mandate.agent.instrumentation.Transformations;
import io.mandate.agent.instrumentation.TypeTransformer;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Makes the reasoning-chain context follow work handed to other threads: ThreadPoolExecutor and
 * ScheduledThreadPoolExecutor tasks, ForkJoinPool submissions and forks (so parallel streams and
 * CompletableFuture.supplyAsync/runAsync), captured at submission and set around the task's run;
 * CompletableFuture dependent stages, sync or async, captured where they are composed. New threads,
 * platform or virtual (and so thread-per-task executors), need no hook: the context holder is
 * inheritable.
 *
 * Hooks execution points of the JDK classes themselves, not their constructors, so pools created
 * before the agent started are covered once their classes are retransformed. The advice methods
 * are matched by name and argument type and simply do not apply where a JDK version lacks one
 * (the schedule methods of ForkJoinPool, JDK 19+).
 *
 * Needs from the agent's transformer: retransformation without class format changes (the advice adds no
 * members), and no ignore rule covering java.util.concurrent.
 */
public final class ExecutorsInstrumentationModule implements InstrumentationModule {
    static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
    static final String SCHEDULED_THREAD_POOL_EXECUTOR = "java.util.concurrent.ScheduledThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    /** The base of every dependent stage's completion (Uni*, Bi*, Or*); CoCompletion fires through its base. */
    static final String UNI_COMPLETION = COMPLETABLE_FUTURE + "$UniCompletion";

    @Override
    public String name() {
        return "executors";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        // Loading a bridge class from inside an executor method being transformed could recurse into it.
        ContextPropagation.preload();
        ContextPropagation.enable();
        transformations
                .type(named(THREAD_POOL_EXECUTOR))
                .transform(advise(ThreadPoolExecutorAdvice.Execute.class,
                        named("execute").and(takesArguments(Runnable.class))))
                .transform(advise(ThreadPoolExecutorAdvice.Remove.class,
                        named("remove").and(takesArguments(Runnable.class))))
                .transform(advise(ThreadPoolExecutorAdvice.ShutdownNow.class,
                        named("shutdownNow").and(takesArguments(0))))
                .transform(advise(ThreadPoolExecutorAdvice.WorkerStart.class,
                        named("runWorker").and(takesArguments(1))))

                .type(named(SCHEDULED_THREAD_POOL_EXECUTOR))
                .transform(advise(ThreadPoolExecutorAdvice.WrapRunnable.class,
                        namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                                .and(takesArgument(0, Runnable.class))))
                .transform(advise(ThreadPoolExecutorAdvice.WrapCallable.class,
                        named("schedule").and(takesArgument(0, Callable.class))))

                .type(named(FORK_JOIN_POOL))
                .transform(advise(ForkJoinPoolAdvice.SubmitRunnable.class,
                        namedOneOf("execute", "submit").and(isPublic()).and(takesArgument(0, Runnable.class))))
                .transform(advise(ForkJoinPoolAdvice.SubmitCallable.class,
                        namedOneOf("submit", "schedule", "submitWithTimeout").and(isPublic())
                                .and(takesArgument(0, Callable.class))))
                .transform(advise(ForkJoinPoolAdvice.SubmitTask.class,
                        namedOneOf("invoke", "execute", "submit", "externalSubmit", "lazySubmit").and(isPublic())
                                // by name: the class literal would load ForkJoinTask before the agent's
                                // transformer is in place, and it would have to be retransformed
                                .and(takesArgument(0, named(FORK_JOIN_TASK)))))
                .transform(advise(ForkJoinPoolAdvice.ScheduleRunnable.class,
                        namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay").and(isPublic())
                                .and(takesArgument(0, Runnable.class))))
                .transform(advise(ForkJoinPoolAdvice.InvokeCollection.class,
                        namedOneOf("invokeAll", "invokeAny", "invokeAllUninterruptibly").and(isPublic())
                                .and(takesArgument(0, Collection.class))))
                .transform(advise(ForkJoinPoolAdvice.WorkerStart.class,
                        named("runWorker").and(takesArguments(1))))
                .transform(advise(ForkJoinPoolAdvice.HelpLoop.class,
                        nameStartsWith("help").or(nameStartsWith("externalHelp")).or(named("awaitQuiescence"))))

                .type(named(UNI_COMPLETION))
                .transform(advise(CompletableFutureAdvice.Composed.class, isConstructor()))
                .type(nameStartsWith(COMPLETABLE_FUTURE + "$").and(hasSuperClass(named(UNI_COMPLETION))))
                .transform(advise(CompletableFutureAdvice.Fire.class, named("tryFire").and(takesArguments(int.class))))

                .type(named(FORK_JOIN_TASK))
                .transform(advise(ForkJoinTaskAdvice.Fork.class, named("fork").and(takesArguments(0))))
                .transform(advise(ForkJoinTaskAdvice.Exec.class, named("doExec").and(takesArguments(0))));
    }

    @Override
    public java.util.List<String> jdkClassPrefixes() {
        // the classes themselves (their nested classes share the prefix), not the package: ~85 classes
        // of java.util.concurrent are loaded before premain, and each one a prefix admits is read back
        // and parsed at every start
        return java.util.List.of(THREAD_POOL_EXECUTOR, SCHEDULED_THREAD_POOL_EXECUTOR, FORK_JOIN_POOL, FORK_JOIN_TASK,
                COMPLETABLE_FUTURE);
    }

    @Override
    public void uninstall() {
        ContextPropagation.disable();
    }

    private static TypeTransformer advise(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        // read once, here at install: reading advice inside a transformer would describe JDK types
        // while one of java.util.concurrent's classes is being loaded, and again for every class
        return AdviceReader.applying(AdviceReader.of(advice).on(methods));
    }
}
