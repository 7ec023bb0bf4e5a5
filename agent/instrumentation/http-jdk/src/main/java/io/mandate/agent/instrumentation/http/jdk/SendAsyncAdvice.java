package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.HttpDispatch;
import io.mandate.bootstrap.http.JdkClientExchanges;
import net.bytebuddy.asm.Advice;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Inlined into the private {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}:
 * decides the first request before the client starts the exchange; a denied request skips the
 * method and returns a future already failed with the denial, so nothing is sent. An allowed one
 * gets its body handler wrapped, in a chain or when the policy limits http bytes, so the handler
 * runs in the chain and the body's bytes are metered, and runs the exchange's set-up detached from its chain (see {@link JdkClientExchanges}): the exit
 * advice, which runs however the method ends, attaches the chain again.
 */
final class SendAsyncAdvice {
    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Throwable enter(@Advice.Argument(0) HttpRequest request,
                           @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler<?> handler) {
        if (request == null) {
            return null; // the client throws its own NullPointerException
        }
        Throwable denial = HttpDispatch.decideNow(request.method(), String.valueOf(request.uri()));
        if (denial == null) {
            handler = (HttpResponse.BodyHandler<?>) HttpDispatch.bodyHandlerFor(handler, request);
            JdkClientExchanges.sendStarting();
        }
        return denial;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Throwable denial,
                     @Advice.Return(readOnly = false) CompletableFuture<?> result) {
        JdkClientExchanges.sendEnded();
        if (denial != null) {
            result = CompletableFuture.failedFuture(denial);
        }
    }
}
