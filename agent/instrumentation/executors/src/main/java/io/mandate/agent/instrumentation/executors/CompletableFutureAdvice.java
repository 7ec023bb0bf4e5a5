package io.mandate.agent.instrumentation.executors;

import io.mandate.bootstrap.context.StagePropagation;

import net.bytebuddy.asm.Advice;

/** Advice inlined into CompletableFuture's dependent-stage completions. JDK and bootstrap types only. */
final class CompletableFutureAdvice {
    private CompletableFutureAdvice() {
    }

    /** UniCompletion's constructor (every Uni*, Bi* and Or* stage): the stage is being composed. */
    static final class Composed {
        private Composed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object completion) {
            StagePropagation.composed(completion);
        }
    }

    /**
     * tryFire(mode): the stage runs now, on this thread, synchronously or as an async task. A
     * completion that has run clears its {@code dep} (the JDK's own liveness test): it never fires
     * again, so its remembered chain is dropped then instead of waiting for the GC.
     */
    static final class Fire {
        private Fire() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object completion) {
            return StagePropagation.enter(completion);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.This Object completion,
                         @Advice.FieldValue("dep") Object dependent) {
            StagePropagation.exit(token, completion, dependent == null);
        }
    }
}
