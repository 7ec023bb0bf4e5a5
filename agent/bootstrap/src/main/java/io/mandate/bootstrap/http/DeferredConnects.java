package io.mandate.bootstrap.http;

import io.mandate.bootstrap.CallGuard;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Connects that a decided call asked an I/O reactor to make later, on the reactor's own thread:
 * the connect request object is remembered when it is made while the asking thread holds the
 * guard (before it is queued: the reactor may take it before the queuing method returns), and
 * the reactor holds the guard while it connects for such a request, so the socket is attributed
 * to the decided call (docs/network-egress.md) instead of being decided again. A connect queued by
 * anyone else stays a connect the net instrumentation decides.
 *
 * Weak keys compared by identity (the queued requests do not override equals): a request forgets
 * itself when the reactor drops it.
 */
public final class DeferredConnects {
    private static final Map<Object, Boolean> QUEUED_BY_DECIDED_WORK = Collections.synchronizedMap(new WeakHashMap<>());

    private DeferredConnects() {
    }

    /** Exit advice of the connect request's constructor: remembered when a decided call made it. */
    public static void made(Object request) {
        if (request != null && CallGuard.active()) {
            QUEUED_BY_DECIDED_WORK.put(request, Boolean.TRUE);
        }
    }

    /**
     * Enter advice of the reactor's work for {@code request}: holds the guard and returns true when
     * a decided call queued it; the paired {@link #exit} leaves the guard.
     */
    public static boolean enter(Object request) {
        if (request == null || !QUEUED_BY_DECIDED_WORK.containsKey(request)) {
            return false;
        }
        CallGuard.enter();
        return true;
    }

    public static void exit(boolean entered) {
        if (entered) {
            CallGuard.exit();
        }
    }
}
