package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.InetAddress;

/**
 * Inlined into {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}, where
 * every other connect overload ends: the JDK's last Java step before the native connect. Throws the
 * denial {@link AsyncConnectAdvice} parked on this thread, and decides a connect that reached here
 * without passing any hooked API. Costs every other connect a volatile read and a guard check.
 */
public final class NativeConnectAdvice {
    private NativeConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(2) InetAddress remote, @Advice.Argument(3) int port) throws Throwable {
        Throwable denial = NetDispatch.atNativeConnect(remote, port);
        if (denial != null) {
            throw denial;
        }
    }
}
