package io.mandate.bootstrap.http;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * One HTTP exchange as a client with an execution chain runs it (a first request, then the hops of
 * its redirects), kept with the exchange as an attribute of the client's per-request context:
 * <ul>
 *   <li>the chain context the exchange started in, so its later requests, redirect hops that an
 *   asynchronous client follows on its I/O threads, are decided in the chain that made the request
 *   rather than in whatever context an I/O thread carries;</li>
 *   <li>the last request scope that was decided, so each request is decided once, by the first chain
 *   element that runs it, however many elements (and retries) run it after that.</li>
 * </ul>
 */
public final class ExchangeContext {
    /** The attribute name under which a client's request context holds it. */
    public static final String ATTRIBUTE = "io.mandate.exchange-context";

    private final String exchangeId;
    private final ChainContext chain;
    /** Written and read by whichever thread runs the exchange's next step; the client hands the steps over. */
    private volatile Object decidedScope;

    private ExchangeContext(String exchangeId, ChainContext chain) {
        this.exchangeId = exchangeId;
        this.chain = chain;
    }

    /**
     * {@code stored} when it belongs to exchange {@code exchangeId} (a later request of the same
     * exchange); otherwise a new one for that exchange, in the calling thread's context (its first).
     */
    public static ExchangeContext of(Object stored, String exchangeId) {
        if (stored instanceof ExchangeContext && exchangeId != null
                && exchangeId.equals(((ExchangeContext) stored).exchangeId)) {
            return (ExchangeContext) stored;
        }
        return new ExchangeContext(exchangeId, ContextHolder.current());
    }

    /**
     * What a chain element running {@code scope} of exchange {@code exchangeId} must decide its request
     * in: the exchange (to store back as the attribute) the first time the exchange runs that scope,
     * null when it was decided already.
     *
     * @param stored the attribute the client's request context holds, or null
     */
    public static ExchangeContext toDecide(Object stored, String exchangeId, Object scope) {
        ExchangeContext exchange = of(stored, exchangeId);
        return exchange.firstSight(scope) ? exchange : null;
    }

    /** True the first time the exchange runs {@code scope} (a new request to decide), false after. */
    boolean firstSight(Object scope) {
        if (decidedScope == scope) {
            return false;
        }
        decidedScope = scope;
        return true;
    }

    /** The context the exchange started in, or null when it started outside any chain. */
    public ChainContext chain() {
        return chain;
    }
}
