package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ContextRunnable} around a future task (what {@code submit} queues). Stays a Future, so
 * the executor features that look for futures in the queue keep working: {@code purge()} drops it
 * once cancelled, {@code afterExecute} overrides can read its outcome, and callers can cancel what
 * {@code shutdownNow()} returns.
 */
class ContextRunnableFuture<V> extends ContextRunnable implements RunnableFuture<V> {
    private final RunnableFuture<V> future;

    ContextRunnableFuture(ChainContext captured, RunnableFuture<V> future) {
        super(captured, future);
        this.future = future;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return future.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return future.isCancelled();
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return future.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout, unit);
    }
}
