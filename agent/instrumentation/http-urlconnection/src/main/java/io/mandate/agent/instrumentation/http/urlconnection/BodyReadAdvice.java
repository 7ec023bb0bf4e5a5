package io.mandate.agent.instrumentation.http.urlconnection;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpInputStream.read(byte[], int, int)}, the stream {@code getInputStream}
 * returns: the bytes read count toward {@code limit http bytes}, charged to the reading thread's
 * chain; over the limit in enforce mode the read throws the denial. The connection (the stream's
 * outer instance) tells the journal which URL was being read.
 */
final class BodyReadAdvice {
    private BodyReadAdvice() {
    }

    @Advice.OnMethodEnter
    static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter int entered, @Advice.Return int read,
                     @Advice.FieldValue("this$0") Object connection) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, read, connection);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
