package io.mandate.agent.instrumentation.process.advice;

import io.mandate.bootstrap.process.ProcessDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the private {@code ProcessBuilder.start(Redirect[])}, where {@code start()},
 * {@code startPipeline} and every {@code Runtime.exec} overload end: one decision per process,
 * before the JDK copies the command and asks the operating system.
 */
public final class StartAdvice {
    private StartAdvice() {
    }

    @Advice.OnMethodEnter
    public static Object enter(@Advice.This ProcessBuilder builder) throws Throwable {
        Object call = ProcessDispatch.enterStart(builder.command());
        if (call instanceof Throwable) {
            throw (Throwable) call;
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        ProcessDispatch.exitStart(call, thrown);
    }
}
