package io.mandate.bootstrap.net;

import io.mandate.bootstrap.CallGuard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The static entry points the socket advice calls. Owns the re-entrancy protocol: every advised
 * method pairs {@link CallGuard#enter()} with exactly one {@link CallGuard#exit()}, also when the
 * call is denied from enter advice (Byte Buddy skips exit advice then).
 *
 * Attribution: a connect made while the guard is already held is part of a call that was decided
 * (an HTTP request, a JDBC statement, another socket API delegating to this one: a Socket over a
 * channel, a DatagramSocket over its channel) or of the agent's own work, and passes undecided.
 *
 * Asynchronous connects report failure through their Future or handler, never by throwing: a
 * denied one is parked here as pending and thrown from the JDK's own native connect step
 * ({@link #atNativeConnect}), inside the channel's try block, so the JDK closes the channel
 * and delivers the failure the way it delivers a refused connection.
 *
 * Anything thrown by the hooks is swallowed here: a broken agent must never break the
 * application's call (the hooks themselves report and decide their internal failures).
 */
public final class NetDispatch {
    private static volatile NetHooks hooks = NetHooks.NONE;
    private static final ThreadLocal<Throwable> PENDING_DENIAL = new ThreadLocal<>();
    /** Threads with a parked denial: lets every other connect skip the thread-local lookup. */
    private static final AtomicInteger PENDING_DENIALS = new AtomicInteger();

    private NetDispatch() {
    }

    public static void install(NetHooks installed) {
        hooks = installed == null ? NetHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = NetHooks.NONE;
    }

    /**
     * Enter advice of a blocking or non-blocking connect or send. {@code remote} null means there is
     * nothing to decide (already connected, closed). Returns the in-flight call for
     * {@link #exitConnect}, null, or a Throwable the advice must throw (the guard is already left
     * then, and exit advice will not run).
     */
    public static Object enterConnect(SocketAddress remote) {
        Object call = decide(remote);
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /** Exit advice of every method whose enter advice was {@link #enterConnect} or {@link #enterAsyncConnect}. */
    public static void exitConnect(Object call, Throwable error) {
        try {
            if (call instanceof Throwable) {
                clearPendingDenial();
            } else if (call != null) {
                hooks.afterConnect(call, error);
            }
        } catch (Throwable ignored) {
            // the application's own outcome stands
        } finally {
            CallGuard.exit();
        }
    }

    /**
     * Enter advice of an asynchronous connect. A denial is parked for {@link #atNativeConnect}
     * and returned, so the exit advice ({@link #exitConnect}) clears it if the JDK never got as far.
     */
    public static Object enterAsyncConnect(SocketAddress remote) {
        Object call = decide(remote);
        if (call instanceof Throwable) {
            PENDING_DENIAL.set((Throwable) call);
            PENDING_DENIALS.incrementAndGet();
        }
        return call;
    }

    /**
     * Enter advice of the JDK's last Java step before the native connect ({@code sun.nio.ch.Net}):
     * the Throwable to throw, or null. Throws the denial an asynchronous connect parked on this
     * thread. Every API the application can reach holds the guard here, having decided already; a
     * connect arriving without it bypassed them all (code that opened java.base's internals and
     * calls them by reflection), and is decided now on its address, and journaled at once.
     */
    public static Throwable atNativeConnect(InetAddress address, int port) {
        Throwable pending = takePendingDenial();
        if (pending != null || address == null || CallGuard.active()) {
            return pending;
        }
        Object call = enterConnect(new InetSocketAddress(address, port));
        if (call instanceof Throwable) {
            return (Throwable) call;
        }
        exitConnect(call, null);
        return null;
    }

    private static Throwable takePendingDenial() {
        if (PENDING_DENIALS.get() == 0) {
            return null;
        }
        Throwable denial = PENDING_DENIAL.get();
        if (denial != null) {
            clearPendingDenial();
        }
        return denial;
    }

    private static void clearPendingDenial() {
        if (PENDING_DENIAL.get() != null) {
            PENDING_DENIAL.remove();
            PENDING_DENIALS.decrementAndGet();
        }
    }

    private static Object decide(SocketAddress remote) {
        if (!CallGuard.enter() || remote == null) {
            return null;
        }
        try {
            return hooks.beforeConnect(remote);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Loads the bridge classes now, so the first connect never loads them from inside a JDK socket class. */
    public static void preload() {
        exitConnect(enterConnect(null), null);
        atNativeConnect(null, 0);
    }
}
