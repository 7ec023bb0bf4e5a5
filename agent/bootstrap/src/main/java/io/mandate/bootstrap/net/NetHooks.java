package io.mandate.bootstrap.net;

import java.net.SocketAddress;

/**
 * What the advice inlined into the JDK's socket and channel classes calls into: implemented by the
 * net instrumentation inside the isolated agent class loader. Boot-visible, so JDK types only.
 *
 * Implementations never throw: a connect that must be stopped is answered with the exception to
 * throw, and internal failures are handled (and reported) inside.
 */
public interface NetHooks {
    /**
     * An outermost connect (or datagram send to an unconnected target) is about to leave the JVM.
     *
     * @param remote where the application asked to go, as it gave it
     * @return the in-flight call to hand back to {@link #afterConnect}, a {@link Throwable} to throw
     *         instead of connecting, or null when there is nothing to decide or finish
     */
    Object beforeConnect(SocketAddress remote);

    /** The call {@link #beforeConnect} let through has returned ({@code error} null) or thrown. */
    void afterConnect(Object call, Throwable error);

    /** Dispatches nowhere: the state before install and after uninstall. */
    NetHooks NONE = new NetHooks() {
        @Override public Object beforeConnect(SocketAddress remote) { return null; }

        @Override public void afterConnect(Object call, Throwable error) { }
    };
}
