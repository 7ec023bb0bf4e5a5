package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Inlined into {@code sun.nio.ch.SocketChannelImpl.connect(SocketAddress)} (also reached from
 * {@code SocketChannel.open(SocketAddress)}) and {@code blockingConnect(SocketAddress, long)}, where a
 * channel's socket adaptor connects. A non-blocking connect is decided here, before the SYN; its
 * finishConnect is not decided again. A connected or closed channel is left to the JDK.
 */
public final class SocketChannelConnectAdvice {
    private SocketChannelConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This SocketChannel channel, @Advice.Argument(0) SocketAddress remote)
            throws Throwable {
        Object call = NetDispatch.enterConnect(channel.isConnected() || !channel.isOpen() ? null : remote);
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
