package io.mandate.bootstrap.http;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Keeps java.net.http's internal work out of the chain context, and remembers the chain each
 * exchange was sent in for the one decision made inside it (a redirect hop).
 *
 * <p>Once the decided request has been copied (the lineage header is set on that copy) and its
 * {@code MultiExchange} made, {@code HttpClientImpl.sendAsync} builds a few dozen
 * CompletableFuture stages and executor tasks that run the exchange on the client's threads.
 * Carried into each of them, the chain context cost far more than the request's decision and
 * journal record: in a loop of loopback GETs (after 10 s of warm-up) a GET in a chain took ×1.28
 * the time it takes without the agent (+11 µs of the sending thread's CPU, +63 µs of the
 * process's), against ×1.04 (+4 µs, +15 µs) detached.
 * So the sending thread runs the rest of {@code sendAsync} detached from its
 * chain, which is attached again when {@code sendAsync} returns: stages the application adds to
 * the returned future still carry it. A redirect hop, decided on whichever thread completes the
 * previous response, is decided in the chain its exchange was sent in, looked up here.
 */
public final class JdkClientExchanges {
    /** The thread is in sendAsync and has not made its exchange yet. */
    private static final Object PENDING = new Object();
    /** The thread is in sendAsync, outside any chain: nothing to put back. */
    private static final Object NO_CHAIN = new Object();
    /** Per thread: null outside sendAsync, else PENDING, NO_CHAIN or the chain to put back. */
    private static final ThreadLocal<Object> SENDING = new ThreadLocal<>();
    /** Weak keys (exchanges are compared by identity: MultiExchange keeps Object's equals). */
    private static final Map<Object, ChainContext> CHAINS = Collections.synchronizedMap(new WeakHashMap<>());

    private JdkClientExchanges() {
    }

    /** Enter advice of sendAsync, once its request is allowed. */
    public static void sendStarting() {
        SENDING.set(PENDING);
    }

    /**
     * Exit advice of the MultiExchange constructor: inside sendAsync, the thread leaves its chain
     * here. The exchange's chain is remembered only when its client follows redirects: with
     * {@code Redirect.NEVER} (the default) no hop is ever decided, and the synchronized weak map
     * cost a chain's every request about a microsecond of the sending thread.
     */
    public static void exchangeMade(Object exchange, boolean followsRedirects) {
        if (SENDING.get() != PENDING) {
            return; // made elsewhere (a WebSocket handshake): its thread keeps its context
        }
        ChainContext chain = ContextHolder.attach(null);
        SENDING.set(chain == null ? NO_CHAIN : chain);
        if (chain != null && exchange != null && followsRedirects) {
            CHAINS.put(exchange, chain);
        }
    }

    /** Exit advice of sendAsync, returned or thrown: the thread is back in the chain it sent from. */
    public static void sendEnded() {
        Object state = SENDING.get();
        if (state == null) {
            return;
        }
        SENDING.set(null); // not remove(): the next send would re-create the entry (see ContextHolder.attach)
        if (state instanceof ChainContext) {
            ContextHolder.restore((ChainContext) state);
        }
    }

    /** The chain {@code exchange} was sent in; null when sent outside any chain. */
    public static ChainContext chainOf(Object exchange) {
        return exchange == null ? null : CHAINS.get(exchange);
    }

    /** Loads what the methods above use, so that no JDK-class advice ever loads it. */
    static void preload() {
        Object exchange = new Object();
        sendStarting();
        exchangeMade(exchange, true);
        chainOf(exchange);
        sendEnded();
    }
}
