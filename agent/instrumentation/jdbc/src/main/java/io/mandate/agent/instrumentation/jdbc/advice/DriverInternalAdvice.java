package io.mandate.agent.instrumentation.jdbc.advice;

import io.mandate.bootstrap.CallGuard;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Connection, DatabaseMetaData and Driver.connect methods: whatever statements the
 * driver runs inside them (catalog queries, session set-up, isValid probes) are the driver's own
 * work, not the application's, so they pass as nested calls instead of being decided.
 */
public final class DriverInternalAdvice {
    private DriverInternalAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        CallGuard.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        CallGuard.exit();
    }
}
