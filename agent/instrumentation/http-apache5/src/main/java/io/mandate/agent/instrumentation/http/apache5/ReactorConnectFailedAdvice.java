package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.DeferredConnects;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into httpcore5's {@code IOSessionRequest.failed(Exception)}: a host with several addresses
 * is tried address after address, the next connect queued from the failed one's callback on the
 * reactor thread; for a request a decided call queued, that callback holds the guard, so the next
 * attempt is remembered as the same call's work.
 */
final class ReactorConnectFailedAdvice {
    private ReactorConnectFailedAdvice() {
    }

    @Advice.OnMethodEnter
    static boolean enter(@Advice.This Object request) {
        return DeferredConnects.enter(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean entered) {
        DeferredConnects.exit(entered);
    }
}
