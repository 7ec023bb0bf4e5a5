package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

import java.util.concurrent.RunnableFuture;

/** A {@link ContextRunnableFuture} that orders as its Comparable task (priority pools overriding newTaskFor). */
final class ComparableContextRunnableFuture<V> extends ContextRunnableFuture<V> implements Comparable<Object> {
    ComparableContextRunnableFuture(ChainContext captured, RunnableFuture<V> future) {
        super(captured, future);
    }

    @Override
    public int compareTo(Object other) {
        return ComparableContextRunnable.compareTasks(task(), other);
    }
}
