package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.ExchangeContext;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.nio.ByteBuffer;

/**
 * Inlined into {@code consume(ByteBuffer)} of the async client's exchange handler (the anonymous
 * handler {@code HttpAsyncMainClientExec} / {@code H2AsyncMainClientExec} make per request), which
 * hands each piece of the response body to the application's consumer on an I/O reactor thread: the
 * bytes count toward {@code limit http bytes} in the chain the exchange was started in (its
 * {@link ExchangeContext}), charged before they are handed over. Over the limit in enforce mode the
 * piece is not delivered: the denial is thrown into the reactor, which fails the exchange with it
 * (the callback's {@code failed}, the future's cause).
 */
final class AsyncBodyAdvice {
    private AsyncBodyAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see HttpClient's types.
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) ByteBuffer data, @Advice.FieldValue("val$clientContext") Object context)
            throws Throwable {
        if (data == null || context == null || !ByteMeterDispatch.metered(ByteMeterDispatch.HTTP_RESPONSE)) {
            return;
        }
        Object exchange = ((HttpContext) context).getAttribute(ExchangeContext.ATTRIBUTE);
        Throwable overLimit = ByteMeterDispatch.beforeDelivery(
                exchange instanceof ExchangeContext ? ((ExchangeContext) exchange).chain() : null,
                ByteMeterDispatch.HTTP_RESPONSE, data.remaining(), null);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
