package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the {@code connect} methods of {@code sun.nio.ch.Net}, the JDK's last Java step
 * before the native connect: throws the denial {@link AsyncConnectAdvice} parked on this thread,
 * if any. Costs every other connect one volatile read.
 */
public final class NativeConnectAdvice {
    private NativeConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() throws Throwable {
        Throwable denial = NetDispatch.throwPendingDenial();
        if (denial != null) {
            throw denial;
        }
    }
}
