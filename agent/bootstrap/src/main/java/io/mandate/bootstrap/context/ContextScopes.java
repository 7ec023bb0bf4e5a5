package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * Attach and restore around a task body, for advice that can only carry one value from its enter
 * part to its exit part: a token standing for "what to put back".
 */
final class ContextScopes {
    /**
     * Nothing was attached, so nothing is restored. Null, because that is also what the advice
     * holds when its enter part failed, and then its exit part must leave the thread alone.
     */
    static final Object NOT_ATTACHED = null;
    /** A context was attached over none. */
    private static final Object OVER_NOTHING = new Object();

    private ContextScopes() {
    }

    /** Makes {@code context} current (null: none); returns the token that restores what it replaced. */
    static Object attach(ChainContext context) {
        ChainContext previous = ContextHolder.attach(context);
        return previous == null ? OVER_NOTHING : previous;
    }

    static void restore(Object token) {
        if (token == NOT_ATTACHED) {
            return;
        }
        ContextHolder.restore(token == OVER_NOTHING ? null : (ChainContext) token);
    }
}
