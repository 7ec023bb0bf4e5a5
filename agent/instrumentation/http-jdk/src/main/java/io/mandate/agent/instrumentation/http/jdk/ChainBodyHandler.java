package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.agent.instrumentation.http.common.ResponseByteMeter;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The application's body handler, run in the chain the request was sent in: the JDK client applies
 * a handler and feeds its subscriber on its own threads, which carry no chain context (the client's
 * internal work runs detached from it, see JdkClientExchanges), so the chain is captured here, on
 * the sending thread, and attached around the handler's and the subscriber's calls: whatever they
 * do (write the body to a file, store it) is decided in that chain. When the policy limits http
 * bytes, the subscriber also meters the body ({@link ChainBodySubscriber}). Unmetered, the JDK's
 * plain subscribers ({@link #NOTHING_TO_DECIDE}) are left unwrapped: the client feeds its own
 * "trusted" subscribers on the thread that reads the response, and any other on its executor.
 */
final class ChainBodyHandler<T> implements HttpResponse.BodyHandler<T> {
    private final HttpResponse.BodyHandler<T> handler;
    /** Null when the policy limits no http bytes: the body is then carried in the chain, not metered. */
    private final ResponseByteMeter meter;
    private final ChainContext chain;
    private final String url;

    ChainBodyHandler(HttpResponse.BodyHandler<T> handler, ResponseByteMeter meter, ChainContext chain, String url) {
        this.handler = handler;
        this.meter = meter;
        this.chain = chain;
        this.url = url;
    }

    /**
     * The JDK's own subscribers that run no application code and open nothing (ofString and
     * ofByteArray, discarding and replacing, ofInputStream): nothing in them is decided. The others
     * call the application (fromSubscriber, mapping, ofByteArrayConsumer) or open a file (ofFile).
     */
    static final Set<String> NOTHING_TO_DECIDE = Set.of(
            "jdk.internal.net.http.ResponseSubscribers$ByteArraySubscriber",
            "jdk.internal.net.http.ResponseSubscribers$NullSubscriber",
            "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream");

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo responseInfo) {
        HttpResponse.BodySubscriber<T> subscriber;
        ChainContext previous = ContextHolder.attach(chain);
        try {
            subscriber = handler.apply(responseInfo);
        } finally {
            ContextHolder.restore(previous);
        }
        if (meter == null && runsNothingToDecide(subscriber)) {
            // the JDK's own subscribers (ofString, ofByteArray, ...) are "trusted": the client feeds them
            // on the thread that reads the response; wrapped, it would hand every body to its executor
            return subscriber;
        }
        return new ChainBodySubscriber<>(subscriber, meter, chain, url);
    }

    /** One of the JDK's subscribers that neither runs application code nor opens a file. */
    static boolean runsNothingToDecide(HttpResponse.BodySubscriber<?> subscriber) {
        return subscriber != null && NOTHING_TO_DECIDE.contains(subscriber.getClass().getName());
    }

    /**
     * What {@code HttpDispatch.bodyHandlerFor} calls on the sending thread: the handler wrapped
     * when the request is sent in a chain or the policy limits http bytes, else the handler itself.
     */
    static BiFunction<Object, Object, Object> factory(ResponseByteMeter meter) {
        return (handler, request) -> {
            if (!(handler instanceof HttpResponse.BodyHandler) || handler instanceof ChainBodyHandler) {
                return handler;
            }
            ChainContext chain = ContextHolder.current();
            boolean metered = meter.meters();
            if (chain == null && !metered) {
                return handler;
            }
            String url = request instanceof HttpRequest ? String.valueOf(((HttpRequest) request).uri()) : null;
            return new ChainBodyHandler<>((HttpResponse.BodyHandler<?>) handler, metered ? meter : null, chain, url);
        };
    }
}
