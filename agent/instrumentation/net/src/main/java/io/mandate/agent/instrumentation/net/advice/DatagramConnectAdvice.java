package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Inlined into {@code sun.nio.ch.DatagramChannelImpl.connect(SocketAddress, boolean)}, where
 * {@code DatagramChannel.connect} and {@code DatagramSocket.connect} (whose default implementation
 * is an adaptor over a channel since JDK 15) end. Once connected, writes and sends go only there
 * and are not decided again.
 */
public final class DatagramConnectAdvice {
    private DatagramConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This DatagramChannel channel, @Advice.Argument(0) SocketAddress remote)
            throws Throwable {
        Object call = NetDispatch.enterConnect(channel.isOpen() ? remote : null);
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
