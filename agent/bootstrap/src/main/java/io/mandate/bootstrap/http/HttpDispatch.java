package io.mandate.bootstrap.http;

import io.mandate.api.PolicyDenial;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.function.BiFunction;

/**
 * The static entry points HTTP client advice calls. Owns the re-entrancy protocol: a request
 * decided on the calling thread holds {@link CallGuard} until it has connected, so the client's own
 * socket connect (and anything else it does meanwhile) is that request's work and not decided
 * again; a denial is returned only after the guard was left (Byte Buddy skips exit advice when enter
 * advice throws).
 *
 * Every HTTP instrumentation installs the same kind of hooks here (one shared enforcement), so
 * installing twice is harmless and uninstall is a switch back to {@link HttpHooks#NONE}.
 *
 * Anything thrown by the hooks is swallowed: a broken agent must never break the application's
 * request (the hooks themselves report and decide their internal failures).
 */
public final class HttpDispatch {
    private static volatile HttpHooks hooks = HttpHooks.NONE;
    /** Wraps a java.net.http body handler to run in the request's chain and meter its bytes; null: no wrapping. */
    private static volatile BiFunction<Object, Object, Object> bodyHandlers;

    private HttpDispatch() {
    }

    public static void install(HttpHooks installed) {
        hooks = installed == null ? HttpHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = HttpHooks.NONE;
        bodyHandlers = null;
    }

    /**
     * Installs what wraps a {@code java.net.http.HttpResponse.BodyHandler} (first argument) of a
     * request (second) into one that runs in the sending thread's chain and meters the body's bytes
     * when the policy limits them, or answers the handler itself when neither applies. Lives in the
     * agent's loader: java.net.http's types are not boot-visible.
     */
    public static void installBodyHandlers(BiFunction<Object, Object, Object> wrapping) {
        bodyHandlers = wrapping;
    }

    /** The body handler the JDK client should use for {@code request}: {@code handler}, or a wrapper of it. */
    public static Object bodyHandlerFor(Object handler, Object request) {
        BiFunction<Object, Object, Object> wrapping = bodyHandlers;
        if (wrapping == null || handler == null) {
            return handler;
        }
        try {
            Object wrapped = wrapping.apply(handler, request);
            return wrapped == null ? handler : wrapped;
        } catch (Throwable ignored) {
            return handler;
        }
    }

    /**
     * Enter advice of a synchronous request's connect. Returns the in-flight request for
     * {@link #exitRequest}, null, or a Throwable the advice must throw (the guard is already left).
     */
    public static Object enterRequest(String method, String url) {
        if (!CallGuard.enter()) {
            return null;
        }
        Object call;
        try {
            call = hooks.beforeRequest(method, url);
        } catch (Throwable ignored) {
            call = null;
        }
        if (call instanceof Throwable) {
            CallGuard.exit();
        }
        return call;
    }

    /** Exit advice of every method whose enter advice was {@link #enterRequest} and did not throw. */
    public static void exitRequest(Object call, Throwable error) {
        try {
            if (call != null) {
                hooks.afterRequest(call, error);
            }
        } catch (Throwable ignored) {
            // the application's own outcome stands
        } finally {
            CallGuard.exit();
        }
    }

    /**
     * A request sent later or elsewhere (asynchronous send, redirect hop): decided now unless the
     * thread is inside a decided call's work. Returns the Throwable to fail it with, or null.
     */
    public static Throwable decideNow(String method, String url) {
        if (!CallGuard.enter()) {
            CallGuard.exit();
            return null;
        }
        try {
            return hooks.decideNow(method, url);
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
        }
    }

    /**
     * {@link #decideNow} in the chain context an exchange started in: a redirect hop an asynchronous
     * client follows on one of its I/O threads belongs to the chain that made the request.
     */
    public static Throwable decideNowIn(ExchangeContext exchange, String method, String url) {
        ChainContext previous = ContextHolder.attach(exchange == null ? ContextHolder.current() : exchange.chain());
        try {
            return decideNow(method, url);
        } finally {
            ContextHolder.restore(previous);
        }
    }

    /**
     * {@link #decideNow} for a redirect hop of a java.net.http exchange, in the chain the exchange
     * was sent in (see {@link JdkClientExchanges}), whichever thread follows the redirect.
     */
    public static Throwable decideHopOf(Object jdkExchange, String method, String url) {
        ChainContext previous = ContextHolder.attach(JdkClientExchanges.chainOf(jdkExchange));
        try {
            return decideNow(method, url);
        } finally {
            ContextHolder.restore(previous);
        }
    }

    /** Enter advice of client work that belongs to a request already decided (its socket connect). */
    public static void enterClientWork() {
        CallGuard.enter();
    }

    /** Exit advice paired with {@link #enterClientWork}. */
    public static void exitClientWork() {
        CallGuard.exit();
    }

    /**
     * What a synchronous send should throw for {@code thrown}: clients that run a request
     * asynchronously and wait for it rewrap its failure in an exception of their own; a policy
     * denial behind such a wrapper is thrown as itself, so the application sees the denial.
     */
    public static Throwable denialOrSelf(Throwable thrown) {
        if (thrown == null || thrown instanceof PolicyDenial) {
            return thrown;
        }
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++) {
            if (cause instanceof PolicyDenial) {
                return cause;
            }
            cause = cause.getCause();
        }
        return thrown;
    }

    /** Loads the bridge classes now, so the first request never loads them from inside a JDK class. */
    public static void preload() {
        exitRequest(enterRequest(null, null), null);
        decideNow(null, null);
        decideNowIn(ExchangeContext.toDecide(null, null, null), null, null);
        decideHopOf(null, null, null);
        JdkClientExchanges.preload();
        DeferredConnects.made(null);
        DeferredConnects.exit(DeferredConnects.enter(null));
        enterClientWork();
        exitClientWork();
        denialOrSelf(new IllegalStateException());
        bodyHandlerFor(null, null);
    }
}
