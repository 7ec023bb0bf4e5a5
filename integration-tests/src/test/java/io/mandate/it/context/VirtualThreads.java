package io.mandate.it.context;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** JDK 21+ virtual-thread APIs, reached reflectively: the tests compile for release 17. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /** {@code Thread.ofVirtual().unstarted(task)}. */
    static Thread unstarted(Runnable task) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, task);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
    static ExecutorService perTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
