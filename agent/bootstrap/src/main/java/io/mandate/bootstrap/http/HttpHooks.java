package io.mandate.bootstrap.http;

/**
 * What the HTTP client advice (inlined into java.net.http, java.base and client library classes)
 * calls into: implemented by the shared HTTP enforcement inside the isolated agent class loader.
 * Boot-visible, so JDK types of java.base only: the clients' own request types are read by the
 * advice and handed over as a method and a URL string.
 *
 * Implementations never throw: a request that must be stopped is answered with the exception to
 * throw, and internal failures are handled (and reported) inside.
 */
public interface HttpHooks {
    /**
     * An outermost request is about to leave on the calling thread (its connection is about to be
     * opened). The work up to {@link #afterRequest} is the request's own.
     *
     * @param method the request method as the client will send it
     * @param url    the full URL, query included (the hooks strip it)
     * @return the in-flight request to hand back to {@link #afterRequest}, a {@link Throwable} to
     *         throw instead of sending, or null when there is nothing to finish
     */
    Object beforeRequest(String method, String url);

    /** The request {@link #beforeRequest} let through has connected ({@code error} null) or failed. */
    void afterRequest(Object call, Throwable error);

    /**
     * A request a client will send later, on another thread or after the calling method returned
     * (an asynchronous send, a redirect hop): decided and journaled now.
     *
     * @return the {@link Throwable} to fail the request with, or null when it may go
     */
    Throwable decideNow(String method, String url);

    /** Dispatches nowhere: the state before install and after uninstall. */
    HttpHooks NONE = new HttpHooks() {
        @Override public Object beforeRequest(String method, String url) { return null; }

        @Override public void afterRequest(Object call, Throwable error) { }

        @Override public Throwable decideNow(String method, String url) { return null; }
    };
}
