package io.mandate.bootstrap.api;

import io.mandate.bootstrap.ContextHolder;

/**
 * The scopes a thread opened and has not closed, innermost last. It makes closes out of order sane:
 * closing a scope also closes every scope opened inside it, and restores the context from before it;
 * closing a scope that an outer close already ended changes nothing.
 *
 * Bounded: an application that opens scopes and never closes them on a pooled thread must not grow
 * this without end, so past {@link #CAPACITY} the oldest entry is forgotten (its close then only
 * records the close).
 */
final class ScopeStack {
    static final int CAPACITY = 64;
    private static final ThreadLocal<ScopeStack> STACKS = new ThreadLocal<>();

    private final Scope[] scopes = new Scope[CAPACITY];
    private int size;

    static ScopeStack current() {
        ScopeStack stack = STACKS.get();
        if (stack == null) {
            stack = new ScopeStack();
            STACKS.set(stack);
        }
        return stack;
    }

    void push(Scope scope) {
        if (size == CAPACITY) {
            System.arraycopy(scopes, 1, scopes, 0, CAPACITY - 1);
            size--;
        }
        scopes[size++] = scope;
    }

    /** Pops {@code scope} and everything above it, restoring the context it replaced; false when absent. */
    boolean close(Scope scope) {
        int index = size - 1;
        while (index >= 0 && scopes[index] != scope) {
            index--;
        }
        if (index < 0) {
            return false;
        }
        for (int inner = size - 1; inner > index; inner--) {
            Scope left = scopes[inner];
            scopes[inner] = null;
            left.markClosed();
        }
        scopes[index] = null;
        size = index;
        ContextHolder.restore(scope.previous);
        return true;
    }

    int size() {
        return size;
    }
}
