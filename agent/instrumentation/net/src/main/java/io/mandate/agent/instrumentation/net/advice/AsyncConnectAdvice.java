package io.mandate.agent.instrumentation.net.advice;

import io.mandate.bootstrap.net.NetDispatch;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;

/**
 * Inlined into both {@code connect} methods of {@code sun.nio.ch.AsynchronousSocketChannelImpl}
 * (Future and CompletionHandler). Never throws: the API reports a failed connect through the
 * Future or the handler, so a denial is parked and thrown by {@link NativeConnectAdvice} inside the
 * JDK's own connect, which closes the channel and delivers the failure.
 */
public final class AsyncConnectAdvice {
    private AsyncConnectAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.Argument(0) SocketAddress remote) {
        return NetDispatch.enterAsyncConnect(remote);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        NetDispatch.exitConnect(call, thrown);
    }
}
