package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;

/**
 * Inlined into {@code java.net.Socket.connect(SocketAddress, int)}, where the other connect, every
 * connecting constructor, SSLSocket and HttpURLConnection end, whatever the SocketImpl (NioSocketImpl,
 * a SOCKS or HTTP-proxy impl, an application's factory).
 *
 * Decided even when the socket is closed or connected (the JDK then refuses the call, and the
 * journal shows the decision with that error): asking {@code isConnected()} first would let a
 * subclass that overrides it skip the decision, while JDK 25 checks its private state and connects.
 */
public final class SocketConnectAdvice {
    private SocketConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) SocketAddress endpoint) throws Throwable {
        Object call = NetDispatch.enterConnect(endpoint);
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        NetDispatch.exitConnect(call, thrown);
    }
}
