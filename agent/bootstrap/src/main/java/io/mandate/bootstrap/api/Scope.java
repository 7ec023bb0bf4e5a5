package io.mandate.bootstrap.api;

import io.mandate.bootstrap.ChainContext;

/**
 * An open chain or step: the context it made current and the one it replaced. Closing it restores
 * the replaced context on the opening thread (see {@link ScopeStack} for closes out of order) and
 * tells the lifecycle listener, exactly once.
 */
abstract class Scope {
    final AgentBackend backend;
    final ChainContext context;
    final ChainContext previous;
    private volatile boolean closed;

    Scope(AgentBackend backend, ChainContext context, ChainContext previous) {
        this.backend = backend;
        this.context = context;
        this.previous = previous;
    }

    /** Closes this scope as the application asked, and any scope opened inside it still open. */
    final void closeScope() {
        if (closed) {
            return;
        }
        ScopeStack.current().close(this);
        // Not found on this thread's stack (closed on another thread, or the stack overflowed): the
        // thread's context is left alone, the close is still recorded.
        markClosed();
    }

    /** Records the close without touching any thread's context. */
    final void markClosed() {
        if (!closed) {
            closed = true;
            notifyClosed();
        }
    }

    abstract void notifyClosed();
}
