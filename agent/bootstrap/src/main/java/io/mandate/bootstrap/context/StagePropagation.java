package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

/**
 * CompletableFuture dependent stages (thenApply, thenApplyAsync, thenCombine, whenComplete, ...)
 * run in the chain they were composed in, not in whatever chain the thread that completes their
 * source happens to be in. The typical agent code composes inside its chain and the source is
 * completed by a library thread outside any chain (an HTTP client's response to a model call):
 * without this, what the stage does next would be attributed to no chain at all. Capturing only at
 * the executor would also miss the synchronous stages, which run on the completing thread.
 *
 * The context is remembered when the stage's completion object is built, and set each time the
 * JDK fires it ({@code tryFire}), on whichever thread, over whatever the executor set. A stage
 * composed outside any chain is left alone: it runs as it would without the agent.
 */
public final class StagePropagation {
    /**
     * Stages composed inside a chain, until they have run: a stage may be fired more than once (an
     * async stage fires once to hand itself to its executor, then runs). A stage that never runs
     * is swept once collected.
     */
    private static final TaskContextTable COMPOSED = new TaskContextTable();

    private StagePropagation() {
    }

    /** Where a dependent stage's completion object is constructed. */
    public static void composed(Object completion) {
        ChainContext context = ContextPropagation.capturable();
        if (context != null && completion != null) {
            COMPOSED.remember(completion, context);
        }
    }

    /** Before the stage fires: attaches the chain it was composed in, if any. Returns the token for {@link #exit}. */
    public static Object enter(Object completion) {
        ChainContext context = COMPOSED.peek(completion);
        return context == null ? ContextScopes.NOT_ATTACHED : ContextScopes.attach(context);
    }

    /**
     * After the stage fired: restores what {@link #enter} replaced, and forgets the stage's chain
     * once the stage has completed its dependent ({@code done}), as it will never fire again.
     */
    public static void exit(Object token, Object completion, boolean done) {
        ContextScopes.restore(token);
        if (done && token != ContextScopes.NOT_ATTACHED) {
            COMPOSED.take(completion);
        }
    }

    static void preload() {
        COMPOSED.preload();
        Object completion = new Object();
        exit(enter(completion), completion, true);
    }

    static void clear() {
        COMPOSED.clear();
    }
}
