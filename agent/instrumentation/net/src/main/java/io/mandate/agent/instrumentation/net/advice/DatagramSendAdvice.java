package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Inlined into {@code sun.nio.ch.DatagramChannelImpl.send(ByteBuffer, SocketAddress)} and, on JDK 17,
 * {@code blockingSend(ByteBuffer, SocketAddress)}, where {@code DatagramSocket.send} ends (on JDK 25
 * it ends in {@code send}). A datagram to an unconnected target is decided as a connect to that
 * target, datagram by datagram; on a connected channel the target was decided at connect.
 */
public final class DatagramSendAdvice {
    private DatagramSendAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This DatagramChannel channel, @Advice.Argument(1) SocketAddress target)
            throws Throwable {
        Object call = NetDispatch.enterConnect(channel.isConnected() || !channel.isOpen() ? null : target);
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
