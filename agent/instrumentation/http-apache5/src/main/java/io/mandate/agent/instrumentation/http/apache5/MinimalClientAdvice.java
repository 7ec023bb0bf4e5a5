package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined into {@code MinimalHttpClient.doExecute(target, request, context)}: the minimal classic
 * client has no execution chain (no redirects, no retries) and connects and exchanges on the
 * calling thread, so the request is decided at entry, on the target host it connects to, and holds
 * the guard until the response head is in.
 */
final class MinimalClientAdvice {
    private MinimalClientAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) Object target, @Advice.Argument(1) Object request,
                        @Advice.Local("entered") boolean entered) throws Throwable {
        if (target == null || request == null) {
            return null; // the client refuses it itself
        }
        HttpRequest sent = (HttpRequest) request;
        String path = sent.getPath();
        Object call = HttpDispatch.enterRequest(sent.getMethod(), ((HttpHost) target).toURI() + (path == null ? "/" : path));
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        entered = true;
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object call, @Advice.Local("entered") boolean entered,
                     @Advice.Thrown Throwable thrown) {
        if (entered) {
            HttpDispatch.exitRequest(call, thrown);
        }
    }
}
