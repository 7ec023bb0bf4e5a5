package io.mandate.bootstrap.process;

import java.util.List;

/**
 * What the advice inlined into {@code java.lang.ProcessBuilder} calls into: implemented by the
 * process instrumentation inside the isolated agent class loader. Boot-visible, so JDK types only.
 *
 * Implementations never throw: a launch that must be stopped is answered with the exception to
 * throw, and internal failures are handled (and reported) inside.
 */
public interface ProcessHooks {
    /**
     * An outermost process launch is about to reach the operating system.
     *
     * @param command the builder's command list, as the JDK is about to copy it
     * @return the in-flight launch to hand back to {@link #afterStart}, a {@link Throwable} to throw
     *         instead of launching, or null when there is nothing to finish
     */
    Object beforeStart(List<String> command);

    /** The launch {@link #beforeStart} let through has returned ({@code error} null) or thrown. */
    void afterStart(Object call, Throwable error);

    /** Dispatches nowhere: the state before install and after uninstall. */
    ProcessHooks NONE = new ProcessHooks() {
        @Override public Object beforeStart(List<String> command) { return null; }

        @Override public void afterStart(Object call, Throwable error) { }
    };
}
