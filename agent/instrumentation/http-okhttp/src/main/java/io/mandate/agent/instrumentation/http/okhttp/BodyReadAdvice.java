package io.mandate.agent.instrumentation.http.okhttp;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Exchange.ResponseBodySource.read(Buffer, long)}, the source every response
 * body of a call reads from the connection (below the transparent gzip decoding, so the bytes are
 * those the server sent): they count toward {@code limit http bytes}, charged to the reading
 * thread's chain; over the limit in enforce mode the read throws the denial, which reaches the
 * application from {@code body().string()}, {@code bytes()} or its own source reads.
 */
final class BodyReadAdvice {
    private BodyReadAdvice() {
    }

    @Advice.OnMethodEnter
    static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter int entered, @Advice.Return long read) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, read, null);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
