package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.enforcement.VolumeLimitDenial;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.instrumentation.http.common.ResponseByteMeter;
import io.mandate.agent.testing.ForwardingEnforcer;
import io.mandate.agent.testing.RecordingEnforcer;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK client's body metering, driven as the client drives a subscriber (Flow calls, on a thread
 * with no chain), through the real policy library.
 */
class ChainBodySubscriberTest {
    private static final String POLICY = String.join("\n",
            "policy \"bytes\"",
            "agent \"bot\" {",
            "  allow http GET to \"http://h/**\"",
            "  limit http bytes 10 per chain",
            "}",
            "");

    private final RecordingEnforcer policy = new RecordingEnforcer(POLICY);
    /** A meter under a policy that limits no http bytes. */
    private final ResponseByteMeter unlimited = new ResponseByteMeter(new VolumeMeter(new RecordingEnforcer(
            "policy \"p\"\nagent \"bot\" {\n  allow http GET to \"http://h/**\"\n}\n"), (w, e) -> { }));
    /** The chain each charge was made in. */
    private final List<String> chains = new ArrayList<>();
    private final ResponseByteMeter meter = new ResponseByteMeter(new VolumeMeter(new ChainRecording(), (w, e) -> {
        throw new AssertionError(w, e);
    }));
    private final ChainContext chain = ChainContext.root("bot", "c-7", "read", "ann");
    private final HttpRequest request = HttpRequest.newBuilder(URI.create("http://h/kb/a?token=x")).build();
    private final List<String> events = new ArrayList<>();
    private boolean cancelled;

    @AfterEach
    void leaveChains() {
        ContextHolder.restore(null);
    }

    @Test
    void bytesAreChargedInTheChainTheRequestWasSentInAndDeliveredWithinTheLimit() throws Exception {
        HttpResponse.BodySubscriber<String> subscriber = subscribe();
        subscriber.onNext(List.of(bytes("hello"), bytes(" you")));
        subscriber.onComplete();

        assertEquals("hello you", subscriber.getBody().toCompletableFuture().get());
        assertEquals(List.of("c-7"), chains, "charged once per delivery, in the sender's chain");
        assertNull(ContextHolder.current(), "the client's thread is left as it was");
        assertFalse(cancelled);
    }

    @Test
    void overTheLimitTheBodyFailsWithTheDenialAndTheExchangeIsCancelled() {
        HttpResponse.BodySubscriber<String> subscriber = subscribe();
        subscriber.onNext(List.of(bytes("0123456")));
        subscriber.onNext(List.of(bytes("789ab")));
        subscriber.onNext(List.of(bytes("late")));
        subscriber.onComplete();

        assertTrue(cancelled);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> subscriber.getBody().toCompletableFuture().get());
        VolumeLimitDenial denial = assertInstanceOf(VolumeLimitDenial.class, failed.getCause());
        assertEquals("limit:test.mandate:4", denial.ruleId());
        assertEquals("http://h/kb/a", policy.records.get(0).display());
        assertEquals(1, policy.records.size());
        assertEquals(List.of("c-7", "c-7"), chains, "nothing is charged once the body was stopped");
    }

    @Test
    void theFactoryWrapsWhenBytesAreLimitedOrTheRequestIsSentInAChain() {
        HttpResponse.BodyHandler<String> handler = HttpResponse.BodyHandlers.ofString();
        Object wrapped = ChainBodyHandler.factory(meter).apply(handler, request);
        assertInstanceOf(ChainBodyHandler.class, wrapped);
        assertSame(wrapped, ChainBodyHandler.factory(meter).apply(wrapped, request), "never wrapped twice");

        assertSame(handler, ChainBodyHandler.factory(unlimited).apply(handler, request), "outside a chain");
        ContextHolder.attach(chain);
        try {
            assertInstanceOf(ChainBodyHandler.class, ChainBodyHandler.factory(unlimited).apply(handler, request));
        } finally {
            ContextHolder.restore(null);
        }
    }

    /**
     * The client applies the handler and calls the subscriber on its own threads, detached from any
     * chain: the application's handler and subscriber run in the chain the request was sent in.
     */
    @Test
    void theApplicationsHandlerAndSubscriberRunInTheRequestsChain() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        HttpResponse.BodyHandler<String> recording = info -> {
            seen.add("apply " + chainId());
            HttpResponse.BodySubscriber<String> strings = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            return new HttpResponse.BodySubscriber<>() {
                @Override
                public java.util.concurrent.CompletionStage<String> getBody() {
                    return strings.getBody();
                }

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    seen.add("subscribe " + chainId());
                    strings.onSubscribe(subscription);
                }

                @Override
                public void onNext(List<ByteBuffer> item) {
                    seen.add("next " + chainId());
                    strings.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    strings.onError(throwable);
                }

                @Override
                public void onComplete() {
                    seen.add("complete " + chainId());
                    strings.onComplete();
                }
            };
        };
        ContextHolder.attach(chain);
        HttpResponse.BodyHandler<?> handler = (HttpResponse.BodyHandler<?>) ChainBodyHandler.factory(unlimited)
                .apply(recording, request);
        ContextHolder.restore(null);
        HttpResponse.BodySubscriber<?> subscriber = handler.apply(null);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.of(bytes("body")));
        subscriber.onComplete();
        assertEquals("body", subscriber.getBody().toCompletableFuture().get());
        String id = chain.chainId();
        assertEquals(List.of("apply " + id, "subscribe " + id, "next " + id, "complete " + id), seen);
        assertEquals(null, ContextHolder.current(), "the client's thread is left as it was");
    }

    /**
     * The JDK's plain subscribers run no application code and the client feeds them on its reading
     * thread; wrapping one would send every body through the client's executor. A subscriber that
     * opens a file (ofFile) or calls the application (fromSubscriber, mapping, a consumer) is wrapped.
     */
    @Test
    void onlySubscribersWithSomethingToDecideAreWrappedInTheChain() throws Exception {
        assertTrue(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8)));
        assertTrue(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.ofByteArray()));
        assertTrue(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.discarding()));
        assertTrue(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.ofInputStream()));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("body", ".txt");
        try {
            assertFalse(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.ofFile(file)));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertFalse(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.ofByteArrayConsumer(bytes -> { })));
        assertFalse(ChainBodyHandler.runsNothingToDecide(
                HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> bytes.length)));
        assertFalse(ChainBodyHandler.runsNothingToDecide(HttpResponse.BodySubscribers.fromSubscriber(
                new Flow.Subscriber<List<ByteBuffer>>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                    }

                    @Override
                    public void onNext(List<ByteBuffer> item) {
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }

                    @Override
                    public void onComplete() {
                    }
                })));
    }

    /** A plain JDK subscriber, unmetered, is handed back as itself: the client keeps its fast path. */
    @Test
    void aPlainJdkSubscriberOutsideMeteringIsNotWrapped() {
        ContextHolder.attach(chain);
        HttpResponse.BodyHandler<?> handler = (HttpResponse.BodyHandler<?>) ChainBodyHandler.factory(unlimited)
                .apply(HttpResponse.BodyHandlers.ofByteArray(), request);
        ContextHolder.restore(null);
        assertInstanceOf(ChainBodyHandler.class, handler);
        assertFalse(handler.apply(null) instanceof ChainBodySubscriber);
    }

    private static String chainId() {
        ChainContext current = ContextHolder.current();
        return current == null ? "none" : current.chainId();
    }

    private HttpResponse.BodySubscriber<String> subscribe() {
        ContextHolder.attach(chain);
        HttpResponse.BodyHandler<?> handler = (HttpResponse.BodyHandler<?>) ChainBodyHandler.factory(meter)
                .apply(HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), request);
        ContextHolder.restore(null); // the client feeds the subscriber on its own threads
        @SuppressWarnings("unchecked")
        HttpResponse.BodySubscriber<String> subscriber = (HttpResponse.BodySubscriber<String>) handler.apply(null);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                events.add("request " + n);
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
        return subscriber;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The recording enforcer, with requests made in the current chain context as the agent's are. */
    private final class ChainRecording extends ForwardingEnforcer {
        @Override
        protected Enforcer delegate() {
            return policy;
        }

        @Override
        public Request request(Kind kind) {
            ChainContext current = ContextHolder.current();
            chains.add(current == null ? "" : current.chainId());
            Request request = policy.request(kind);
            return current == null ? request : request.chain(current.chainId(), current.rootChainId(), 1, "");
        }
    }
}
