package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * A task submitted inside a chain, carrying the submitter's context to the thread that runs it.
 * The context is set for exactly the task's duration and the worker's own one put back after, so a
 * pooled thread never keeps (or leaks into the next task) a chain it only borrowed.
 */
class ContextRunnable implements Runnable {
    private final ChainContext captured;
    private final Runnable task;

    ContextRunnable(ChainContext captured, Runnable task) {
        this.captured = captured;
        this.task = task;
    }

    @Override
    public void run() {
        ChainContext previous = ContextHolder.attach(captured);
        try {
            task.run();
        } finally {
            ContextHolder.restore(previous);
        }
    }

    /** The application's task, for the executor APIs that must answer with what was submitted. */
    final Runnable task() {
        return task;
    }

    @Override
    public String toString() {
        // Executors put tasks into rejection messages and logs: show the application's task.
        return task.toString();
    }
}
