package io.mandate.agent.instrumentation.http.urlconnection;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;

/**
 * Inlined into {@code plainConnect0}: decides the connection's method and current URL (a redirect
 * hop has replaced it) before the socket opens; a denial is thrown from here, so
 * {@code connect}/{@code getInputStream}/{@code getOutputStream} throw it and nothing is sent. A
 * connection already open is left alone.
 */
final class ConnectAdvice {
    private ConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected,
                        @Advice.Local("entered") boolean entered) throws Throwable {
        if (connected) {
            return null;
        }
        Object call = HttpDispatch.enterRequest(connection.getRequestMethod(), String.valueOf(connection.getURL()));
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
