package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Inlined into the private {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}:
 * decides the first request before the client starts the exchange; a denied request skips the
 * method and returns a future already failed with the denial, so nothing is sent.
 */
final class SendAsyncAdvice {
    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Throwable enter(@Advice.Argument(0) HttpRequest request) {
        if (request == null) {
            return null; // the client throws its own NullPointerException
        }
        return HttpDispatch.decideNow(request.method(), String.valueOf(request.uri()));
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Throwable denial,
                     @Advice.Return(readOnly = false) CompletableFuture<?> result) {
        if (denial != null) {
            result = CompletableFuture.failedFuture(denial);
        }
    }
}
