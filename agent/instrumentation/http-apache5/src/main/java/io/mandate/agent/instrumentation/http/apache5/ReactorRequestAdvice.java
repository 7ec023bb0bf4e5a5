package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.DeferredConnects;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the constructor of httpcore5's {@code IOSessionRequest}, the connect request an I/O
 * reactor queues for its own thread: made while the calling thread holds the guard (an async
 * client connecting for a decided request), it is remembered as that request's work. Remembered
 * here, before it is queued, since the reactor may take it before the queuing method returns.
 */
final class ReactorRequestAdvice {
    private ReactorRequestAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object request) {
        DeferredConnects.made(request);
    }
}
