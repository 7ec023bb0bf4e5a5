package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PlainHttpConnection.connectAsync}, where the client opens its socket for a
 * request decided already: held in the call guard, so it is that request's work.
 */
final class ConnectAdvice {
    private ConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        HttpDispatch.enterClientWork();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        HttpDispatch.exitClientWork();
    }
}
