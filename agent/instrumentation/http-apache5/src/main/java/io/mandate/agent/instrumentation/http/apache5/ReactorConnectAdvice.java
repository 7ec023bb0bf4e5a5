package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.DeferredConnects;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into httpcore5's {@code SingleCoreIOReactor.processConnectionRequest(channel, request)},
 * where the reactor thread opens the socket for a queued request: the guard is held for requests a
 * decided call queued, so the socket connect is that call's work and not decided again; any other
 * connect is left to the net instrumentation.
 */
final class ReactorConnectAdvice {
    private ReactorConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(1) Object request) {
        return DeferredConnects.enter(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean entered) {
        DeferredConnects.exit(entered);
    }
}
