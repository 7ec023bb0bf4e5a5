package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.Socket;
import java.net.SocketAddress;

/**
 * Inlined into {@code java.net.Socket.connect(SocketAddress, int)}, where the other connect, every
 * connecting constructor, SSLSocket and HttpURLConnection end, whatever the SocketImpl (NioSocketImpl,
 * a SOCKS or HTTP-proxy impl, an application's factory). A closed or connected socket is left to
 * the JDK, which refuses the call itself.
 */
public final class SocketConnectAdvice {
    private SocketConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This Socket socket, @Advice.Argument(0) SocketAddress endpoint) throws Throwable {
        Object call = NetDispatch.enterConnect(socket.isClosed() || socket.isConnected() ? null : endpoint);
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
