package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.agent.instrumentation.http.common.ResponseByteMeter;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.BiFunction;

/**
 * The application's body handler, with the subscriber it makes for the response wrapped in a
 * {@link MeteredBodySubscriber}. The JDK client applies a handler and feeds its subscriber on its own
 * threads, so the chain context is the one the request was sent in, captured here.
 */
final class MeteredBodyHandler<T> implements HttpResponse.BodyHandler<T> {
    private final HttpResponse.BodyHandler<T> handler;
    private final ResponseByteMeter meter;
    private final ChainContext chain;
    private final String url;

    MeteredBodyHandler(HttpResponse.BodyHandler<T> handler, ResponseByteMeter meter, ChainContext chain, String url) {
        this.handler = handler;
        this.meter = meter;
        this.chain = chain;
        this.url = url;
    }

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo responseInfo) {
        return new MeteredBodySubscriber<>(handler.apply(responseInfo), meter, chain, url);
    }

    /**
     * What {@code HttpDispatch.meteredBodyHandler} calls on the sending thread: a metering wrapper of the
     * handler when the policy limits http bytes, else the handler itself.
     */
    static BiFunction<Object, Object, Object> factory(ResponseByteMeter meter) {
        return (handler, request) -> {
            if (!(handler instanceof HttpResponse.BodyHandler) || handler instanceof MeteredBodyHandler
                    || !meter.meters()) {
                return handler;
            }
            String url = request instanceof HttpRequest ? String.valueOf(((HttpRequest) request).uri()) : null;
            return new MeteredBodyHandler<>((HttpResponse.BodyHandler<?>) handler, meter, ContextHolder.current(), url);
        };
    }
}
