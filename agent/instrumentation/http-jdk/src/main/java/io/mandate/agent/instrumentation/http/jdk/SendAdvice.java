package io.mandate.agent.instrumentation.http.jdk;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientImpl.send}: it waits for the asynchronous exchange and rethrows its
 * failure as a new IOException with the original as the cause; a policy denial is thrown as itself,
 * so the application catches the {@code PolicyDenial} it was refused with.
 */
final class SendAdvice {
    private SendAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Thrown(readOnly = false) Throwable thrown) {
        if (thrown != null) {
            thrown = HttpDispatch.denialOrSelf(thrown);
        }
    }
}
