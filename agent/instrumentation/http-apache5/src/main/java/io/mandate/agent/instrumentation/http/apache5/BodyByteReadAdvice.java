package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/** As {@link BodyReadAdvice}, for the single-byte {@code EofSensorInputStream.read()} (the byte, or -1 at the end). */
final class BodyByteReadAdvice {
    private BodyByteReadAdvice() {
    }

    @Advice.OnMethodEnter
    static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter int entered, @Advice.Return int read) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, read < 0 ? 0 : 1, null);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
