package io.mandate.bootstrap.context;

import io.mandate.bootstrap.ChainContext;

/**
 * A {@link ContextRunnable} around a Comparable task, for pools whose work queue orders tasks by
 * their natural order (a PriorityBlockingQueue without comparator): the wrapper orders exactly as
 * the task it carries, against wrapped and unwrapped tasks alike.
 */
final class ComparableContextRunnable extends ContextRunnable implements Comparable<Object> {
    ComparableContextRunnable(ChainContext captured, Runnable task) {
        super(captured, task);
    }

    @Override
    public int compareTo(Object other) {
        return compareTasks(task(), other);
    }

    /** Compares {@code task} with {@code other} as the queue would without wrappers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareTasks(Runnable task, Object other) {
        Object unwrapped = other instanceof ContextRunnable ? ((ContextRunnable) other).task() : other;
        return ((Comparable) task).compareTo(unwrapped);
    }
}
