package io.mandate.agent.instrumentation.http.apache5;

import io.mandate.bootstrap.meter.ByteMeterDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code EofSensorInputStream.read(byte[], int, int)}, the stream the classic client's
 * response entity gives the application ({@code getContent()}, {@code EntityUtils}, response
 * handlers): the bytes read count toward {@code limit http bytes}, charged to the reading thread's
 * chain; over the limit in enforce mode the read throws the denial.
 */
final class BodyReadAdvice {
    private BodyReadAdvice() {
    }

    @Advice.OnMethodEnter
    static int enter() {
        return ByteMeterDispatch.enter(ByteMeterDispatch.HTTP_RESPONSE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter int entered, @Advice.Return int read) throws Throwable {
        Throwable overLimit = ByteMeterDispatch.exit(entered, ByteMeterDispatch.HTTP_RESPONSE, read, null);
        if (overLimit != null) {
            throw overLimit;
        }
    }
}
