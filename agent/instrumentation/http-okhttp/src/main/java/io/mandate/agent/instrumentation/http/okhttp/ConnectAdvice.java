package io.mandate.agent.instrumentation.http.okhttp;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectInterceptor.intercept} (finding or opening the connection, and the
 * network interceptors and exchange that follow inside it) and into 5.x {@code ConnectPlan}'s connect
 * steps (run on task runner threads): all of it is the work of a request decided already.
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
