package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.concurrent.Callable;

/** The {@link Callable} counterpart of {@link ContextRunnable}: same context rules, result and exception untouched. */
final class ContextCallable<V> implements Callable<V> {
    private final ChainContext captured;
    private final Callable<V> task;

    ContextCallable(ChainContext captured, Callable<V> task) {
        this.captured = captured;
        this.task = task;
    }

    @Override
    public V call() throws Exception {
        ChainContext previous = ContextHolder.attach(captured);
        try {
            return task.call();
        } finally {
            ContextHolder.restore(previous);
        }
    }

    Callable<V> task() {
        return task;
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
