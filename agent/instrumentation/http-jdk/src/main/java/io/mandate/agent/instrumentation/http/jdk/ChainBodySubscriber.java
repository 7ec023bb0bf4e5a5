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
 * The application's body subscriber, called in the chain the request was sent in (the client calls
 * it on its own threads, which carry no chain context). When the policy limits http bytes
 * ({@code meter} not null) it also counts the bytes the client hands over toward
 * {@code limit http bytes}: over a limit in enforce mode the body stops there, the subscription is
 * cancelled (the client releases the connection) and the application's subscriber gets the denial
 * as its error, so {@code send} throws it and {@code sendAsync}'s future fails with it. The bytes of
 * the buffers that crossed the limit are not delivered.
 *
 * Subscriber calls are serialized by the client (Flow's rules), so the plain fields need no locking.
 */
final class ChainBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> downstream;
    /** Null: nothing is metered. */
    private final ResponseByteMeter meter;
    private final ChainContext chain;
    private final String url;
    private Flow.Subscription subscription;
    private boolean stopped;

    ChainBodySubscriber(HttpResponse.BodySubscriber<T> downstream, ResponseByteMeter meter, ChainContext chain,
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
        inChain(() -> downstream.onSubscribe(upstream));
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (!stopped) {
            inChain(() -> deliver(buffers));
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!stopped) {
            inChain(() -> downstream.onError(error));
        }
    }

    @Override
    public void onComplete() {
        if (!stopped) {
            inChain(downstream::onComplete);
        }
    }

    /** Charges the buffers when metered, then hands them over, or stops the body over a limit. */
    private void deliver(List<ByteBuffer> buffers) {
        Throwable overLimit = meter == null ? null : meter.charge(remaining(buffers), url);
        if (overLimit != null) {
            stopped = true;
            subscription.cancel();
            downstream.onError(overLimit);
            return;
        }
        downstream.onNext(buffers);
    }

    private void inChain(Runnable call) {
        ChainContext previous = ContextHolder.attach(chain);
        try {
            call.run();
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
