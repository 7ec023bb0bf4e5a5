package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.context.ForkJoinPropagation;

import java.util.concurrent.ForkJoinTask;

import net.bytebuddy.asm.Advice;

/** Advice inlined into ForkJoinTask. JDK and bootstrap types only. */
final class ForkJoinTaskAdvice {
    private ForkJoinTaskAdvice() {
    }

    /** fork(): remembers the forking thread's chain for the task. */
    static final class Fork {
        private Fork() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinTask<?> task) {
            ForkJoinPropagation.capture(task);
        }
    }

    /** doExec(): every run of a task body, by a worker, a thief or a helping joiner, goes through here. */
    static final class Exec {
        private Exec() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This ForkJoinTask<?> task) {
            return ForkJoinPropagation.enter(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            ForkJoinPropagation.exit(token);
        }
    }
}
