package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.agent.instrumentation.http.common.ResponseByteMeter;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Counts the bytes the JDK client hands to the application's body subscriber toward
 * {@code limit http bytes}, in the chain the request was sent in. Over a limit in enforce mode the
 * body stops there: the subscription is cancelled (the client releases the connection) and the
 * application's subscriber gets the denial as its error, so {@code send} throws it and
 * {@code sendAsync}'s future fails with it. The bytes of the buffers that crossed the limit are not
 * delivered.
 *
 * Subscriber calls are serialized by the client (Flow's rules), so the plain fields need no locking.
 */
final class MeteredBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> downstream;
    private final ResponseByteMeter meter;
    private final ChainContext chain;
    private final String url;
    private Flow.Subscription subscription;
    private boolean stopped;

    MeteredBodySubscriber(HttpResponse.BodySubscriber<T> downstream, ResponseByteMeter meter, ChainContext chain,
                          String url) {
        this.downstream = downstream;
        this.meter = meter;
        this.chain = chain;
        this.url = url;
    }

    @Override
    public CompletionStage<T> getBody() {
        return downstream.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription upstream) {
        subscription = upstream;
        downstream.onSubscribe(upstream);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (stopped) {
            return;
        }
        Throwable overLimit = charge(remaining(buffers));
        if (overLimit != null) {
            stopped = true;
            subscription.cancel();
            downstream.onError(overLimit);
            return;
        }
        downstream.onNext(buffers);
    }

    @Override
    public void onError(Throwable error) {
        if (!stopped) {
            downstream.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (!stopped) {
            downstream.onComplete();
        }
    }

    private Throwable charge(long bytes) {
        ChainContext previous = ContextHolder.attach(chain);
        try {
            return meter.charge(bytes, url);
        } finally {
            ContextHolder.restore(previous);
        }
    }

    private static long remaining(List<ByteBuffer> buffers) {
        long bytes = 0;
        for (int i = 0; i < buffers.size(); i++) {
            bytes += buffers.get(i).remaining();
        }
        return bytes;
    }
}
