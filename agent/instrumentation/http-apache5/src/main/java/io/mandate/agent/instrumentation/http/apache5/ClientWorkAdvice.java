package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where HttpClient 5 connects for a request decided already: classic {@code ConnectExec.execute}
 * (the connect, the TLS handshake and the exchange below it in the chain) and the async execution
 * runtimes' {@code acquireEndpoint} / {@code connectEndpoint}, which hand the connect to the I/O
 * reactor (see {@link ReactorConnectAdvice}).
 */
final class ClientWorkAdvice {
    private ClientWorkAdvice() {
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
